package dev.custos.core.sign;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Recognizes the bare multisig template {@code OP_m <pubkey33>... OP_n OP_CHECKMULTISIG}
 * (descriptors {@code multi} and {@code sortedmulti}, which differ only in key order).
 */
public final class Multisig {
  private static final int OP_1 = 0x51;
  private static final int OP_16 = 0x60;
  private static final int OP_CHECKMULTISIG = 0xae;

  private Multisig() {}

  /** The keys of a multisig script, or empty when {@code script} is not exactly that template. */
  public static Optional<List<PublicKey>> keys(ByteVector script) {
    byte[] s = script.toByteArray();
    if (s.length < 3 || (s[s.length - 1] & 0xff) != OP_CHECKMULTISIG) {
      return Optional.empty();
    }
    int m = (s[0] & 0xff) - OP_1 + 1;
    int n = (s[s.length - 2] & 0xff) - OP_1 + 1;
    if ((s[0] & 0xff) < OP_1 || (s[0] & 0xff) > OP_16 || n < 1 || n > 16 || m > n || s.length != 3 + 34 * n) {
      return Optional.empty();
    }
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int off = 1 + 34 * i;
      if (s[off] != 33) {
        return Optional.empty();
      }
      PublicKey k = new PublicKey(Arrays.copyOfRange(s, off + 1, off + 34));
      if (!k.isValid()) {
        return Optional.empty();
      }
      keys.add(k);
    }
    return Optional.of(keys);
  }
}
