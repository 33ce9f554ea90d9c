package dev.custos.core.ln.invoice;

import dev.custos.core.keys.Network;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * BOLT 11 "Human-Readable Part": {@code ln} + currency prefix ({@code bc}, {@code tb},
 * {@code tbs}, {@code bcrt}) + an optional amount in bitcoin with an optional multiplier
 * ({@code m}, {@code u}, {@code n}, {@code p}). A reader MUST fail on an unknown prefix, an amount
 * with a non-digit or an unknown multiplier, and a {@code p} amount whose last digit is not 0 (a
 * fraction of a millisatoshi). An amount of zero, one with leading zeros, and one over 21 million
 * BTC are refused too.
 */
record HumanReadablePart(Network network, OptionalLong amountMsat) {
  private static final long MAX_MSAT = 21_000_000L * 100_000_000_000L;
  private static final String[] PREFIXES = {"bcrt", "tbs", "bc", "tb"};

  static HumanReadablePart parse(String hrp) throws Bolt11Exception {
    if (!hrp.startsWith("ln")) {
      throw new Bolt11Exception("prefix", "'" + hrp + "' does not start with 'ln'");
    }
    String rest = hrp.substring(2);
    for (String currency : PREFIXES) {
      if (rest.startsWith(currency) && (rest.length() == currency.length() || Character.isDigit(rest.charAt(currency.length())))) {
        return new HumanReadablePart(network(currency), amount(rest.substring(currency.length())));
      }
    }
    throw new Bolt11Exception("prefix", "unknown currency prefix in '" + hrp + "' (expected lnbc, lntb, lntbs or lnbcrt)");
  }

  private static Network network(String currency) {
    return switch (currency) {
      case "bc" -> Network.MAINNET;
      case "tb" -> Network.TESTNET;
      case "tbs" -> Network.SIGNET;
      default -> Network.REGTEST;
    };
  }

  private static OptionalLong amount(String text) throws Bolt11Exception {
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    char last = text.charAt(text.length() - 1);
    boolean hasMultiplier = !Character.isDigit(last);
    String digits = hasMultiplier ? text.substring(0, text.length() - 1) : text;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Bolt11Exception("amount", "'" + text + "' is not a decimal number followed by an optional multiplier m, u, n or p");
    }
    if (digits.length() > 25) {
      throw new Bolt11Exception("amount", "'" + text + "' is more than 21,000,000 BTC");
    }
    if (digits.charAt(0) == '0') {
      throw new Bolt11Exception("amount", "'" + text + "' is zero or has a leading 0");
    }
    BigInteger value = new BigInteger(digits);
    BigInteger msat = switch (last) {
      case 'm' -> value.multiply(BigInteger.valueOf(100_000_000L));
      case 'u' -> value.multiply(BigInteger.valueOf(100_000L));
      case 'n' -> value.multiply(BigInteger.valueOf(100L));
      case 'p' -> {
        if (!value.mod(BigInteger.TEN).equals(BigInteger.ZERO)) {
          throw new Bolt11Exception("amount", "'" + text + "' is a fraction of a millisatoshi (a p amount must end in 0)");
        }
        yield value.divide(BigInteger.TEN);
      }
      default -> {
        if (hasMultiplier) {
          throw new Bolt11Exception("amount", "unknown multiplier '" + last + "' in '" + text + "' (expected m, u, n or p)");
        }
        yield value.multiply(BigInteger.valueOf(100_000_000_000L));
      }
    };
    if (msat.compareTo(BigInteger.valueOf(MAX_MSAT)) > 0) {
      throw new Bolt11Exception("amount", "'" + text + "' is more than 21,000,000 BTC");
    }
    return OptionalLong.of(msat.longValueExact());
  }
}
