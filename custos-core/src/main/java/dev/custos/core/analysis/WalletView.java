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

  /**
   * True when one of {@code keys} is ours: a key origin with our fingerprint points at an account
   * position whose derived public key is exactly that key. Used for shared scripts (multisig),
   * where the script itself is not one of our account templates.
   */
  public boolean holdsKey(java.util.Collection<PublicKey> keys, Map<PublicKey, KeyOrigin> origins) {
    return origins.entrySet().stream()
        .filter(e -> e.getValue().masterFingerprint() == masterFingerprint && keys.contains(e.getKey()))
        .anyMatch(e -> positions(e.getValue().path()).stream()
            .anyMatch(o -> o.account().publicKey(o.branch(), o.index()).equals(e.getKey())));
  }

  private Optional<Owned> locate(KeyPath path, ByteVector script) {
    return positions(path).stream()
        .filter(o -> o.account().scriptPubKey(o.branch(), o.index()).equals(script))
        .findFirst();
  }

  /** The account positions {@code account/branch/index} (branch 0 or 1) that {@code path} names. */
  private List<Owned> positions(KeyPath path) {
    List<Owned> out = new java.util.ArrayList<>();
    for (Account account : accounts) {
      KeyPath base = account.accountPath();
      if (path.depth() != base.depth() + 2 || !path.startsWith(base)) {
        continue;
      }
      long branch = path.indexes().get(base.depth());
      long index = path.indexes().get(base.depth() + 1);
      if ((branch == 0 || branch == 1) && !KeyPath.isHardened(index)) {
        out.add(new Owned(account, (int) branch, index));
      }
    }
    return out;
  }
}
