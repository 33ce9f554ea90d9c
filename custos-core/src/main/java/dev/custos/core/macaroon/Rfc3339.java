package dev.custos.core.macaroon;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} layout (RFC 3339 section 5.6) writes and reads them,
 * which is what macaroon-bakery's {@code time-before} caveat carries: written in UTC with
 * trailing zeros of the fraction removed ({@code 2022-08-08T08:10:04.88930363Z}), read with any
 * fraction of 1 to 9 digits and a {@code Z} or {@code +hh:mm} offset.
 */
final class Rfc3339 {
  private static final Pattern SYNTAX =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

  /** The range of four-digit years that the layout can write. */
  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  private Rfc3339() {}

  static Instant parse(String text) {
    if (!SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + IpLiterals.abbreviate(text) + "' is not an RFC 3339 timestamp");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid RFC 3339 timestamp");
    }
  }

  static String format(Instant instant) {
    OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    if (t.getNano() != 0) {
      String fraction = String.format("%09d", t.getNano());
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(fraction, 0, end);
    }
    return sb.append('Z').toString();
  }
}
