package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ScriptWitness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a consensus-encoded witness stack (CompactSize item count, then CompactSize-length
 * items), the body of a BIP-322 "simple" signature. Strict: minimal CompactSize, no trailing
 * bytes, lengths bounded by the input (nothing is allocated beyond it).
 */
final class WitnessStack {
  private WitnessStack() {}

  static ScriptWitness decode(byte[] bytes) throws SignatureRejectedException {
    int[] pos = {0};
    long count = compactSize(bytes, pos);
    if (count > bytes.length) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: " + count + " witness items in " + bytes.length + " bytes");
    }
    List<ByteVector> items = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long len = compactSize(bytes, pos);
      if (len > bytes.length - pos[0]) {
        throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: witness item " + i + " of " + len + " bytes runs past the end");
      }
      items.add(new ByteVector(Arrays.copyOfRange(bytes, pos[0], pos[0] + (int) len)));
      pos[0] += (int) len;
    }
    if (pos[0] != bytes.length) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: " + (bytes.length - pos[0]) + " trailing bytes after the witness stack");
    }
    return new ScriptWitness(items);
  }

  private static long compactSize(byte[] b, int[] pos) throws SignatureRejectedException {
    if (pos[0] >= b.length) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: truncated at byte " + pos[0]);
    }
    int first = b[pos[0]++] & 0xff;
    int width = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    if (width == 0) {
      return first;
    }
    if (b.length - pos[0] < width) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: truncated CompactSize at byte " + (pos[0] - 1));
    }
    long v = 0;
    for (int i = 0; i < width; i++) {
      v |= (long) (b[pos[0]++] & 0xff) << (8 * i);
    }
    long min = width == 2 ? 0xfd : width == 4 ? 0x1_0000L : 0x1_0000_0000L;
    if (v < min || v < 0) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 simple signature: non-minimal CompactSize at byte " + (pos[0] - width - 1));
    }
    return v;
  }
}
