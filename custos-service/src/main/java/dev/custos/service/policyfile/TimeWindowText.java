package dev.custos.service.policyfile;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code time-windows} entry: weekday names ({@code mon} .. {@code sun}), a day
 * range ({@code mon-fri}, wrapping allowed: {@code fri-mon}), and an hour range
 * {@code HH:MM-HH:MM} in UTC where {@code 24:00} may end a range and {@code 00:00-24:00} is the
 * whole day.
 */
final class TimeWindowText {
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern HOURS = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24:00))");

  private TimeWindowText() {}

  static DayOfWeek day(String text) {
    int i = DAYS.indexOf(text);
    if (i < 0) {
      throw new IllegalArgumentException(Quoted.of(text) + " is not a day (use mon, tue, wed, thu, fri, sat, sun)");
    }
    return DayOfWeek.of(i + 1);
  }

  /** A single day ({@code sat}) or a range ({@code mon-fri}). */
  static Set<DayOfWeek> dayRange(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      return EnumSet.of(day(text));
    }
    DayOfWeek from = day(text.substring(0, dash));
    DayOfWeek to = day(text.substring(dash + 1));
    Set<DayOfWeek> days = EnumSet.of(from);
    for (DayOfWeek d = from; d != to; d = d.plus(1)) {
      days.add(d.plus(1));
    }
    return days;
  }

  /** An hour range {@code [from, to)}; equal bounds mean the whole day. */
  record Hours(LocalTime from, LocalTime to) {
    static final Hours WHOLE_DAY = new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
  }

  static Hours hours(String text) {
    Matcher m = HOURS.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(Quoted.of(text) + " is not an hour range (use '08:00-18:00', UTC)");
    }
    LocalTime from = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    LocalTime to = m.group(5) != null ? LocalTime.MIDNIGHT : LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    if (from.equals(to) && m.group(5) == null) {
      throw new IllegalArgumentException(Quoted.of(text) + " is an empty range (write '00:00-24:00' for the whole day)");
    }
    return new Hours(from, to);
  }
}
