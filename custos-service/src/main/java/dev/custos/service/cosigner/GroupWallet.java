package dev.custos.service.cosigner;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Network;
import dev.custos.service.signing.WalletContext;
import fr.acinq.bitcoin.Crypto;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The wallet a cosigner's policy decides under: id = the first four bytes of
 * {@code HASH160(output key)} (the way BIP32 fingerprints a key), no accounts. With no accounts
 * the analysis recognises no change, so <b>every output counts as leaving</b>, a change output
 * back to the group key included: the policy is conservative, never lenient.
 */
public final class GroupWallet {
  private GroupWallet() {}

  /** @param outputKey the group's x-only BIP341 output key (32 bytes) */
  public static WalletContext of(Network network, byte[] outputKey) {
    int fingerprint = ByteBuffer.wrap(Crypto.hash160(outputKey)).getInt();
    return new WalletContext(network, new WalletView(fingerprint, List.of()));
  }
}
