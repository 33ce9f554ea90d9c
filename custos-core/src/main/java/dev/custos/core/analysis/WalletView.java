package dev.custos.core.analysis;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.ExtendedPublicKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.TapKeyOrigin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The public side of a wallet: master fingerprint and account xpubs. Decides whether a script is
 * ours by <em>derivation</em>: the PSBT's key origins are only hints for where to look; a script
 * is ours only when deriving that path from our own account xpub yields exactly that script.
 *
 * <p>The receive and change branch xpubs of every account ({@code account/0}, {@code account/1})
 * are derived once, when the view is made, so checking a position derives one BIP32 level instead
 * of two; the result is the same as {@link Account#publicKey} (BIP32 public derivation composes
 * level by level), and the keys derived at each position are kept (up to a bound) for later
 * requests. Thread-safe; immutable but for that cache of public keys. Equality is by fingerprint
 * and accounts.
 */
public final class WalletView {
  private final int masterFingerprint;
  private final List<Account> accounts;
  /** The receive and change branch xpubs of {@code accounts.get(i)}, at {@code 2i} and {@code 2i + 1}. */
  private final List<ExtendedPublicKey> branches;
  /**
   * Public keys already derived from {@code branches.get(i)}, by child index: a wallet's requests
   * name the same few addresses again and again, and each derivation is an EC multiplication.
   * Public data only. Once a branch holds {@link #CACHED_PER_BRANCH} keys, further ones are derived
   * on every use and not kept, which bounds the memory a client can make the view hold.
   */
  private final List<ConcurrentHashMap<Long, PublicKey>> derivedKeys;
  static final int CACHED_PER_BRANCH = 4096;

  /** A position a key origin names, with the slot of its branch in {@code branches}. */
  private record Candidate(Owned owned, int slot) {}

  public WalletView(int masterFingerprint, List<Account> accounts) {
    this.masterFingerprint = masterFingerprint;
    this.accounts = List.copyOf(accounts);
    List<ExtendedPublicKey> derived = new ArrayList<>();
    for (Account account : this.accounts) {
      derived.add(account.branchKey(Account.RECEIVE));
      derived.add(account.branchKey(Account.CHANGE));
    }
    this.branches = List.copyOf(derived);
    this.derivedKeys = derived.stream().map(b -> new ConcurrentHashMap<Long, PublicKey>()).toList();
  }

  private PublicKey publicKey(Candidate c) {
    ConcurrentHashMap<Long, PublicKey> cache = derivedKeys.get(c.slot());
    long index = c.owned().index();
    PublicKey known = cache.get(index);
    if (known != null) {
      return known;
    }
    PublicKey derived = branches.get(c.slot()).deriveChild(index).key();
    if (cache.size() < CACHED_PER_BRANCH) {
      cache.putIfAbsent(index, derived);
    }
    return derived;
  }

  public int masterFingerprint() {
    return masterFingerprint;
  }

  public List<Account> accounts() {
    return accounts;
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
            .anyMatch(c -> publicKey(c).equals(e.getKey())));
  }

  private Optional<Owned> locate(KeyPath path, ByteVector script) {
    return positions(path).stream()
        .filter(c -> c.owned().account().scriptPubKey(publicKey(c)).equals(script))
        .map(Candidate::owned)
        .findFirst();
  }

  /** The account positions {@code account/branch/index} (branch 0 or 1) that {@code path} names. */
  private List<Candidate> positions(KeyPath path) {
    List<Candidate> out = new ArrayList<>();
    for (int a = 0; a < accounts.size(); a++) {
      Account account = accounts.get(a);
      KeyPath base = account.accountPath();
      if (path.depth() != base.depth() + 2 || !path.startsWith(base)) {
        continue;
      }
      long branch = path.indexes().get(base.depth());
      long index = path.indexes().get(base.depth() + 1);
      if ((branch == 0 || branch == 1) && !KeyPath.isHardened(index)) {
        out.add(new Candidate(new Owned(account, (int) branch, index), 2 * a + (int) branch));
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WalletView w && w.masterFingerprint == masterFingerprint && w.accounts.equals(accounts);
  }

  @Override
  public int hashCode() {
    return 31 * masterFingerprint + accounts.hashCode();
  }

  @Override
  public String toString() {
    return "WalletView[masterFingerprint=" + java.util.HexFormat.of().toHexDigits(masterFingerprint) + ", accounts=" + accounts + "]";
  }
}
