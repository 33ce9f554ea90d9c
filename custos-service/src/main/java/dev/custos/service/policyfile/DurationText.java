package dev.custos.service.policyfile;

import dev.custos.core.policy.VelocityLimit;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A velocity window: a whole number and a unit, {@code 90m}, {@code 24h}, {@code 7d}; 1 minute to 366 days. */
final class DurationText {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([mhd])");

  private DurationText() {}

  /** @throws IllegalArgumentException saying what is wrong */
  static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(Quoted.of(text) + " is not a duration (use 90m, 24h, 7d)");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(VelocityLimit.MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(Quoted.of(text) + " is outside 1m to 366d");
    }
    return d;
  }
}
