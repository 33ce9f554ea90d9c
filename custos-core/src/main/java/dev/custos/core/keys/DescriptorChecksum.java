package dev.custos.core.keys;

/**
 * The 8-character output-descriptor checksum of BIP380 ("Checksum"): a BCH code over the
 * descriptor's characters, written after a {@code #}.
 */
public final class DescriptorChecksum {
  private static final String INPUT_CHARSET =
      "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
  private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final long[] GENERATOR = {
    0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL
  };
  private static final int LENGTH = 8;

  private DescriptorChecksum() {}

  /**
   * The checksum of {@code descriptor} (given without {@code #checksum}), e.g. {@code 89f8spxm}
   * for {@code raw(deadbeef)}.
   *
   * @throws IllegalArgumentException naming the position of a character outside the BIP380
   *     character set
   */
  public static String of(String descriptor) {
    long chk = 1;
    int groups = 0;
    int groupCount = 0;
    for (int i = 0; i < descriptor.length(); i++) {
      int v = INPUT_CHARSET.indexOf(descriptor.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException(
            "descriptor character at position " + (i + 1) + " is outside the BIP380 character set");
      }
      chk = polymod(chk, v & 31);
      groups = groups * 3 + (v >> 5);
      if (++groupCount == 3) {
        chk = polymod(chk, groups);
        groups = 0;
        groupCount = 0;
      }
    }
    if (groupCount > 0) {
      chk = polymod(chk, groups);
    }
    for (int i = 0; i < LENGTH; i++) {
      chk = polymod(chk, 0);
    }
    chk ^= 1;
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      out.append(CHECKSUM_CHARSET.charAt((int) ((chk >>> (5 * (LENGTH - 1 - i))) & 31)));
    }
    return out.toString();
  }

  /** {@code descriptor} followed by {@code #} and its checksum. */
  public static String append(String descriptor) {
    return descriptor + '#' + of(descriptor);
  }

  /**
   * True when {@code descriptorWithChecksum} ends with {@code #} and the correct 8-character
   * checksum. A descriptor without a checksum is not accepted here; characters outside the
   * character set make it invalid, never throw.
   */
  public static boolean verify(String descriptorWithChecksum) {
    int n = descriptorWithChecksum.length();
    if (n < LENGTH + 1 || descriptorWithChecksum.charAt(n - LENGTH - 1) != '#') {
      return false;
    }
    String body = descriptorWithChecksum.substring(0, n - LENGTH - 1);
    for (int i = 0; i < body.length(); i++) {
      if (INPUT_CHARSET.indexOf(body.charAt(i)) < 0) {
        return false;
      }
    }
    return of(body).equals(descriptorWithChecksum.substring(n - LENGTH));
  }

  private static long polymod(long chk, int value) {
    long top = chk >>> 35;
    chk = ((chk & 0x7ffffffffL) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GENERATOR[i];
      }
    }
    return chk;
  }
}
