package dev.custos.core.keys;

import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import fr.acinq.bitcoin.utils.Either;
import java.util.HexFormat;
import java.util.List;

/**
 * A single-key wallet account (BIP44/49/84/86): the account-level extended public key at
 * {@code m/purpose'/coin'/account'} and what is derived from it, namely output descriptors
 * (BIP380-382, 386), output scripts and addresses of {@code branch/index}, where branch 0 receives
 * and branch 1 is change.
 *
 * <p>Holds no secret. Scripts and addresses come from bitcoin-kmp ({@code Script.pay2*},
 * {@code Bitcoin.addressFromPublicKeyScript}); the BIP86 output key is tweaked by
 * bitcoin-kmp/libsecp256k1 (BIP341 key-path tweak without a script tree).
 *
 * @param masterFingerprint fingerprint of the master key, for key origins
 * @param accountPath {@code m/purpose'/coin'/account'}, coin 0 on mainnet and 1 elsewhere
 * @param xpub the extended public key at {@code accountPath}
 */
public record Account(
    AccountType type, Network network, int masterFingerprint, KeyPath accountPath, ExtendedPublicKey xpub) {
  public static final int RECEIVE = 0;
  public static final int CHANGE = 1;

  public Account {
    if (type == null || network == null || accountPath == null || xpub == null) {
      throw new IllegalArgumentException("account type, network, path and xpub are required");
    }
    KeyPath expectedPrefix = KeyPath.MASTER
        .child(KeyPath.hardened(type.purpose()))
        .child(KeyPath.hardened(network.coinType()));
    if (accountPath.depth() != 3 || !accountPath.startsWith(expectedPrefix)
        || !KeyPath.isHardened(accountPath.indexes().get(2))) {
      throw new IllegalArgumentException(
          "account path " + accountPath + " is not " + expectedPrefix + "/account' for " + type + " on " + network.id());
    }
    if (xpub.depth() != 3 || xpub.childNumber() != accountPath.indexes().get(2)) {
      throw new IllegalArgumentException("account xpub does not sit at " + accountPath);
    }
  }

  /**
   * Derives account {@code accountIndex} of {@code type} on {@code network} from a master key.
   * The account's private key is zeroized before returning.
   *
   * @throws IllegalArgumentException if {@code master} is not a master key (depth 0) or the index
   *     is outside 0..2<sup>31</sup>-1
   */
  public static Account derive(ExtendedPrivateKey master, AccountType type, Network network, int accountIndex) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("accounts derive from the master key, not from " + master.path());
    }
    KeyPath path = KeyPath.MASTER
        .child(KeyPath.hardened(type.purpose()))
        .child(KeyPath.hardened(network.coinType()))
        .child(KeyPath.hardened(accountIndex));
    try (ExtendedPrivateKey account = master.derive(path)) {
      return new Account(type, network, master.fingerprint(), account.path(), account.neuter());
    }
  }

  /**
   * The ranged output descriptor of {@code branch} with key origin and BIP380 checksum, e.g.
   * {@code wpkh([73c5da0a/84'/0'/0']xpub.../0/*)#checksum}.
   */
  public String descriptor(int branch) {
    checkBranch(branch);
    String key = "[" + HexFormat.of().toHexDigits(masterFingerprint) + "/" + accountPath.toStringNoMaster() + "]"
        + xpub.encode(network) + "/" + branch + "/*";
    String script = switch (type) {
      case BIP44 -> "pkh(" + key + ")";
      case BIP49 -> "sh(wpkh(" + key + "))";
      case BIP84 -> "wpkh(" + key + ")";
      case BIP86 -> "tr(" + key + ")";
    };
    return DescriptorChecksum.append(script);
  }

  /** The public key at {@code branch/index} below the account key. */
  public PublicKey publicKey(int branch, long index) {
    return branchKey(branch).deriveChild(index).key();
  }

  /**
   * The extended public key of {@code branch} ({@code m/purpose'/coin'/account'/branch}), from
   * which the keys of that branch's indexes derive in one BIP32 step: {@link #publicKey}{@code
   * (branch, i)} equals {@code branchKey(branch).deriveChild(i).key()}.
   */
  public ExtendedPublicKey branchKey(int branch) {
    checkBranch(branch);
    return xpub.deriveChild(branch);
  }

  /** The output script (scriptPubKey) paying to {@code branch/index}. */
  public ByteVector scriptPubKey(int branch, long index) {
    return scriptPubKey(publicKey(branch, index));
  }

  /**
   * The output script of this account's type (BIP44 P2PKH, BIP49 P2SH-P2WPKH, BIP84 P2WPKH, BIP86
   * P2TR key path) paying to {@code key}, whatever key that is: the caller vouches that it is a key
   * of this account.
   */
  public ByteVector scriptPubKey(PublicKey key) {
    List<ScriptElt> script = switch (type) {
      case BIP44 -> Script.pay2pkh(key);
      case BIP49 -> Script.pay2sh(Script.pay2wpkh(key));
      case BIP84 -> Script.pay2wpkh(key);
      case BIP86 -> Script.pay2tr(key.xOnly(), Crypto.TaprootTweak.KeyPathTweak.INSTANCE);
    };
    return new ByteVector(Script.write(script));
  }

  /** The address of {@code branch/index} on this account's network. */
  public String address(int branch, long index) {
    Either<?, String> address =
        Bitcoin.addressFromPublicKeyScript(network.chainHash(), scriptPubKey(branch, index).toByteArray());
    if (address.isLeft()) {
      throw new IllegalStateException("bitcoin-kmp cannot encode a " + type + " address: " + address.getLeft());
    }
    return address.getRight();
  }

  private static void checkBranch(int branch) {
    if (branch != RECEIVE && branch != CHANGE) {
      throw new IllegalArgumentException("branch must be 0 (receive) or 1 (change), got " + branch);
    }
  }
}
