package dev.custos.service.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration setting: {@code 0}, or a whole number and a unit, {@code 30s}, {@code 90m}, {@code 24h}, {@code 7d}. */
final class ConfigDuration {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");

  private ConfigDuration() {}

  static Duration parse(String key, String text) throws ConfigException {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new ConfigException(key + " must be 0 or a duration like 30s, 90m, 24h or 7d, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
