package dev.custos.service.signing;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Network;
import java.util.HexFormat;

/** The wallet a request is for: its network and public accounts. Its id is the master fingerprint (hex). */
public record WalletContext(Network network, WalletView view) {
  public String walletId() {
    return HexFormat.of().toHexDigits(view.masterFingerprint());
  }
}
