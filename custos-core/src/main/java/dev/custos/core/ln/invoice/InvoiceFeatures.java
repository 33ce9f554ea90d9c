package dev.custos.core.ln.invoice;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature bits of a BOLT 11 {@code 9} field (BOLT 9, context {@code 9}), as the sorted list
 * of set bit numbers (bit 0 is the least significant bit of the last 5-bit value).
 *
 * <p>Known to this reader: {@code var_onion_optin} (8/9), {@code payment_secret} (14/15),
 * {@code basic_mpp} (16/17) and {@code option_payment_metadata} (48/49). An unknown even bit
 * MUST fail the invoice; an unknown odd bit is ignored (BOLT 11 "Tagged Fields", reader). A known
 * feature whose dependency is not set ({@code payment_secret} needs {@code var_onion_optin},
 * {@code basic_mpp} needs {@code payment_secret}) fails too (BOLT 11 "Feature Bits", reader).
 */
public record InvoiceFeatures(List<Integer> setBits) {
  public static final InvoiceFeatures NONE = new InvoiceFeatures(List.of());
  private static final int VAR_ONION_OPTIN = 8;
  private static final int PAYMENT_SECRET = 14;
  private static final int BASIC_MPP = 16;
  private static final int PAYMENT_METADATA = 48;

  public InvoiceFeatures {
    setBits = List.copyOf(setBits);
  }

  /** Whether {@code bit} is set. */
  public boolean has(int bit) {
    return setBits.contains(bit);
  }

  /** Whether the feature of the even/odd pair starting at {@code evenBit} is set either way. */
  public boolean supports(int evenBit) {
    return has(evenBit) || has(evenBit + 1);
  }

  static InvoiceFeatures parse(byte[] words, int from, int to) throws Bolt11Exception {
    List<Integer> bits = new ArrayList<>();
    int count = (to - from) * 5;
    for (int bit = 0; bit < count; bit++) {
      int word = words[to - 1 - bit / 5];
      if (((word >>> (bit % 5)) & 1) != 0) {
        bits.add(bit);
      }
    }
    for (int bit : bits) {
      if (bit % 2 == 0 && !known(bit)) {
        throw new Bolt11Exception("9 (features)", "unknown required feature bit " + bit);
      }
    }
    InvoiceFeatures features = new InvoiceFeatures(bits);
    if (features.supports(PAYMENT_SECRET) && !features.supports(VAR_ONION_OPTIN)) {
      throw new Bolt11Exception("9 (features)", "payment_secret (14/15) is set without its dependency var_onion_optin (8/9)");
    }
    if (features.supports(BASIC_MPP) && !features.supports(PAYMENT_SECRET)) {
      throw new Bolt11Exception("9 (features)", "basic_mpp (16/17) is set without its dependency payment_secret (14/15)");
    }
    return features;
  }

  private static boolean known(int evenBit) {
    return evenBit == VAR_ONION_OPTIN || evenBit == PAYMENT_SECRET || evenBit == BASIC_MPP || evenBit == PAYMENT_METADATA;
  }
}
