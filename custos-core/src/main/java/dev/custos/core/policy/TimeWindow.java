package dev.custos.core.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A UTC time window in which signing is allowed: a set of weekdays and an hour range
 * {@code [from, to)}. {@code from == to} means the whole day; {@code from > to} wraps midnight
 * (e.g. 22:00–06:00 belongs to the day it starts on).
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
  public TimeWindow {
    if (days == null || days.isEmpty() || from == null || to == null) {
      throw new IllegalArgumentException("time window needs days and hours");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public boolean contains(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    LocalTime time = t.toLocalTime();
    DayOfWeek day = t.getDayOfWeek();
    if (from.equals(to)) {
      return days.contains(day);
    }
    if (from.isBefore(to)) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    // wraps midnight: [from, 24:00) on a listed day, or [00:00, to) on the day after one
    return days.contains(day) && !time.isBefore(from) || days.contains(day.minus(1)) && time.isBefore(to);
  }
}
