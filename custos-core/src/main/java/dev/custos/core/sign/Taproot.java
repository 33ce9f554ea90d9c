package dev.custos.core.sign;

import dev.custos.core.psbt.TapLeafScript;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * BIP341 commitments that the signer checks before it signs a taproot input: leaf hashes,
 * control-block merkle paths and output keys. Hashing only; the point tweak itself is computed by
 * bitcoin-kmp on libsecp256k1.
 */
final class Taproot {
  private Taproot() {}

  /** {@code hash_TapLeaf(leaf_version || compact_size(len) || script)} (BIP341). */
  static ByteVector32 leafHash(int leafVersion, ByteVector script) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(leafVersion & 0xfe);
    writeCompactSize(out, script.size());
    out.writeBytes(script.toByteArray());
    return Crypto.taggedHash(out.toByteArray(), "TapLeaf");
  }

  /**
   * The output key committed to by {@code leaf} through its control block, or empty when the
   * control block is malformed. The caller compares it with the spent scriptPubKey's key.
   */
  static Optional<XonlyPublicKey> outputKeyOf(TapLeafScript leaf) {
    byte[] cb = leaf.controlBlock().toByteArray();
    if (cb.length < 33 || (cb.length - 33) % 32 != 0 || (cb.length - 33) / 32 > 128) {
      return Optional.empty();
    }
    if ((cb[0] & 0xfe) != (leaf.leafVersion() & 0xfe)) {
      return Optional.empty();
    }
    XonlyPublicKey internal;
    try {
      internal = new XonlyPublicKey(new ByteVector32(Arrays.copyOfRange(cb, 1, 33)));
      if (!internal.getPublicKey().isValid()) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    byte[] k = leafHash(leaf.leafVersion(), leaf.script()).toByteArray();
    for (int off = 33; off < cb.length; off += 32) {
      byte[] e = Arrays.copyOfRange(cb, off, off + 32);
      k = Arrays.compareUnsigned(k, e) < 0 ? branch(k, e) : branch(e, k);
    }
    var output = internal.outputKey(new ByteVector32(k));
    boolean parityOdd = output.getSecond();
    if (parityOdd != ((cb[0] & 1) == 1)) {
      return Optional.empty();
    }
    return Optional.of(output.getFirst());
  }

  /** The output key of a key-path spendable output: internal key tweaked by the merkle root, if any. */
  static XonlyPublicKey outputKey(XonlyPublicKey internal, Optional<ByteVector32> merkleRoot) {
    return merkleRoot
        .map(root -> internal.outputKey(new fr.acinq.bitcoin.Crypto.TaprootTweak.ScriptPathTweak(root)).getFirst())
        .orElseGet(() -> internal.outputKey(fr.acinq.bitcoin.Crypto.TaprootTweak.KeyPathTweak.INSTANCE).getFirst());
  }

  /**
   * True when {@code script} parses and one of its data pushes is exactly the 32-byte x-only key
   * (how BIP342 scripts name a key for OP_CHECKSIG / OP_CHECKSIGADD).
   */
  static boolean scriptPushesKey(ByteVector script, XonlyPublicKey key) {
    try {
      return Script.parse(script).stream()
          .anyMatch(e -> e instanceof OP_PUSHDATA push && push.data.equals(key.value));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static byte[] branch(byte[] a, byte[] b) {
    byte[] ab = Arrays.copyOf(a, 64);
    System.arraycopy(b, 0, ab, 32, 32);
    return Crypto.taggedHash(ab, "TapBranch").toByteArray();
  }

  private static void writeCompactSize(ByteArrayOutputStream out, long n) {
    if (n < 0xfd) {
      out.write((int) n);
    } else if (n <= 0xffff) {
      out.write(0xfd);
      out.write((int) n);
      out.write((int) (n >>> 8));
    } else {
      out.write(0xfe);
      for (int i = 0; i < 4; i++) {
        out.write((int) (n >>> (8 * i)));
      }
    }
  }
}
