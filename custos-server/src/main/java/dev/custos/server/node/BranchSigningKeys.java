package dev.custos.server.node;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.sign.SigningKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SigningKeys} for a server that signs request after request with one seed: the private
 * keys of every account's receive and change branches ({@code m/purpose'/coin'/account'/0} and
 * {@code /1}, BIP44/49/84/86) are derived once, when the node unlocks, so a request for
 * {@code branch/index} derives one BIP32 level instead of five. A path below none of these
 * branches derives from the master key, as {@link dev.custos.core.sign.HdSigningKeys} does.
 *
 * <p>The lent key is the same as a derivation from the master (BIP32 "Private parent key →
 * private child key" composes level by level); a branch is used only when the requested path
 * starts with the branch's actual path, so a branch whose index BIP32 skipped is never confused
 * with the requested one. Every derived child is zeroized when the callback returns.
 *
 * <p>Thread-safe for concurrent lending. {@link #close} zeroizes the branch keys, and only after
 * the last call has finished (the node closes it on stop); the master key stays owned by the
 * caller.
 */
public final class BranchSigningKeys implements SigningKeys, AutoCloseable {
  private final ExtendedPrivateKey master;
  private final int masterFingerprint;
  private final List<ExtendedPrivateKey> branches;

  private BranchSigningKeys(ExtendedPrivateKey master, List<ExtendedPrivateKey> branches) {
    this.master = master;
    this.masterFingerprint = master.fingerprint();
    this.branches = List.copyOf(branches);
  }

  /**
   * Derives the receive and change branch keys of {@code accounts} from {@code master} (a depth-0
   * key, still owned by the caller, which must outlive the result).
   */
  public static BranchSigningKeys derive(ExtendedPrivateKey master, List<Account> accounts) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("signing keys derive from the master key");
    }
    List<ExtendedPrivateKey> branches = new ArrayList<>();
    try {
      for (Account account : accounts) {
        branches.add(master.derive(account.accountPath().child(Account.RECEIVE)));
        branches.add(master.derive(account.accountPath().child(Account.CHANGE)));
      }
      return new BranchSigningKeys(master, branches);
    } catch (RuntimeException e) {
      branches.forEach(ExtendedPrivateKey::close);
      throw e;
    }
  }

  @Override
  public int masterFingerprint() {
    return masterFingerprint;
  }

  @Override
  public <T> T withPrivateKey(KeyPath path, KeyUse<T> use) {
    ExtendedPrivateKey from = master;
    for (ExtendedPrivateKey branch : branches) {
      if (path.startsWith(branch.path())) {
        from = branch;
        break;
      }
    }
    try (ExtendedPrivateKey child = from.derive(path.dropFirst(from.depth()))) {
      return child.withPrivateKey(priv -> use.apply(child.publicKey(), priv));
    }
  }

  /** Zeroizes the branch keys (not the master). Idempotent. */
  @Override
  public void close() {
    branches.forEach(ExtendedPrivateKey::close);
  }

  @Override
  public String toString() {
    return "BranchSigningKeys<secret>";
  }
}
