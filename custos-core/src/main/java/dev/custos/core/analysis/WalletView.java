package dev.custos.core.analysis;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.TapKeyOrigin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public side of a wallet: master fingerprint and account xpubs. Decides whether a script is
 * ours by <em>derivation</em>: the PSBT's key origins are only hints for where to look; a script
 * is ours only when deriving that path from our own account xpub yields exactly that script.
 */
public record WalletView(int masterFingerprint, List<Account> accounts) {
  public WalletView {
    accounts = List.copyOf(accounts);
  }

  /** Where in this wallet a script was found. */
  public record Owned(Account account, int branch, long index) {
    public KeyPath path() {
      return account.accountPath().child(branch).child(index);
    }
  }

  /**
   * The account position of {@code script}, if one of the key origins points at an account path
   * {@code account/branch/index} (branch 0 or 1) whose derived script equals {@code script}.
   */
  public Optional<Owned> find(ByteVector script, Map<PublicKey, KeyOrigin> origins, Map<XonlyPublicKey, TapKeyOrigin> tapOrigins) {
    return Stream.concat(origins.values().stream(), tapOrigins.values().stream().map(TapKeyOrigin::origin))
        .filter(o -> o.masterFingerprint() == masterFingerprint)
        .flatMap(o -> locate(o.path(), script).stream())
        .findFirst();
  }

  /** True when some key origin claims our fingerprint (whether or not it verifies). */
  public boolean claimsOurs(Map<PublicKey, KeyOrigin> origins, Map<XonlyPublicKey, TapKeyOrigin> tapOrigins) {
    return Stream.concat(origins.values().stream(), tapOrigins.values().stream().map(TapKeyOrigin::origin))
        .anyMatch(o -> o.masterFingerprint() == masterFingerprint);
  }

  private Optional<Owned> locate(KeyPath path, ByteVector script) {
    for (Account account : accounts) {
      KeyPath base = account.accountPath();
      if (path.depth() != base.depth() + 2 || !path.startsWith(base)) {
        continue;
      }
      long branch = path.indexes().get(base.depth());
      long index = path.indexes().get(base.depth() + 1);
      if ((branch != 0 && branch != 1) || KeyPath.isHardened(index)) {
        continue;
      }
      if (account.scriptPubKey((int) branch, index).equals(script)) {
        return Optional.of(new Owned(account, (int) branch, index));
      }
    }
    return Optional.empty();
  }
}
