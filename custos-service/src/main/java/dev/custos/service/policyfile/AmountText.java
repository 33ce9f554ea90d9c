package dev.custos.service.policyfile;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount as a policy writes it: a number, one space and a unit, {@code BTC} or {@code sat}
 * ({@code 0.5 BTC}, {@code 50000 sat}, {@code 50_000 sat}). A bare number is refused: whether
 * {@code 50000} means satoshis or bitcoins is exactly the mistake that loses funds.
 */
final class AmountText {
  /** 21 million BTC, the most any amount can be. */
  static final long MAX_SAT = 2_100_000_000_000_000L;
  private static final Pattern AMOUNT = Pattern.compile("(-?)([0-9][0-9_]*)(?:\\.([0-9][0-9_]*))? (BTC|sat)");
  private static final Pattern BARE = Pattern.compile("-?[0-9][0-9_]*(\\.[0-9_]*)?");
  private static final Pattern DIGIT_GROUPS = Pattern.compile("[0-9]+(_[0-9]+)*");

  private AmountText() {}

  /** Satoshis of {@code text}. @throws IllegalArgumentException saying what is wrong */
  static long parseSat(String text) {
    if (BARE.matcher(text).matches()) {
      throw new IllegalArgumentException(Quoted.of(text) + " has no unit: write '" + text + " sat' or an amount in BTC "
          + "such as '0.5 BTC' (a bare number is ambiguous)");
    }
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches() || !DIGIT_GROUPS.matcher(m.group(2)).matches()
        || m.group(3) != null && !DIGIT_GROUPS.matcher(m.group(3)).matches()) {
      throw new IllegalArgumentException(Quoted.of(text) + " is not an amount (use '0.5 BTC' or '50000 sat')");
    }
    if (!m.group(1).isEmpty()) {
      throw new IllegalArgumentException(Quoted.of(text) + " is negative; amounts are 0 or more");
    }
    String whole = m.group(2).replace("_", "");
    String fraction = m.group(3) == null ? "" : m.group(3).replace("_", "");
    boolean btc = m.group(4).equals("BTC");
    if (!btc && !fraction.isEmpty()) {
      throw new IllegalArgumentException(Quoted.of(text) + ": sat amounts are whole numbers");
    }
    if (btc && fraction.length() > 8) {
      throw new IllegalArgumentException(Quoted.of(text) + " has more than 8 decimal places (1 sat = 0.00000001 BTC)");
    }
    if (whole.length() > 20) {
      throw new IllegalArgumentException(Quoted.of(text) + " is more than 21,000,000 BTC");
    }
    BigDecimal value = new BigDecimal(fraction.isEmpty() ? whole : whole + "." + fraction);
    BigDecimal sat = btc ? value.movePointRight(8) : value;
    if (sat.compareTo(BigDecimal.valueOf(MAX_SAT)) > 0) {
      throw new IllegalArgumentException(Quoted.of(text) + " is more than 21,000,000 BTC");
    }
    return sat.longValueExact();
  }
}
