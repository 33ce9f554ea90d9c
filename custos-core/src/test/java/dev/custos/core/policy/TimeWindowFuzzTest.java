package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeWindow#contains} against a brute-force reference written from the contract: the
 * window is the union, over every listed day D, of the instant interval [D from, D to) when
 * from &lt; to, [D from, D+1 to) when from &gt; to (it wraps midnight and belongs to the day it
 * starts on), and [D 00:00, D+1 00:00) when from == to. Instants are drawn anywhere and also at
 * and one nanosecond around the window's edges.
 */
class TimeWindowFuzzTest {
  private static final long EPOCH_SECONDS_RANGE = 10_000_000_000L;
  private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

  @FuzzTest(maxDuration = "10s")
  void containsMatchesTheIntervalDefinition(FuzzedDataProvider data) {
    check(Draw.of(data));
  }

  @Test
  void containsMatchesTheIntervalDefinitionOnSeededCases() {
    Random random = new Random(20250312);
    for (int i = 0; i < 50_000; i++) {
      check(Draw.of(random));
    }
  }

  @Test
  void nightShiftBelongsToTheDayItStartsOn() {
    TimeWindow fridayNight = new TimeWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
    assertThat(fridayNight.contains(Instant.parse("2025-03-14T22:00:00Z"))).isTrue();
    assertThat(fridayNight.contains(Instant.parse("2025-03-15T05:59:59.999999999Z"))).isTrue();
    assertThat(fridayNight.contains(Instant.parse("2025-03-15T06:00:00Z"))).isFalse();
    assertThat(fridayNight.contains(Instant.parse("2025-03-14T21:59:59Z"))).isFalse();
    assertThat(fridayNight.contains(Instant.parse("2025-03-14T05:00:00Z"))).isFalse();
    TimeWindow sundayNight = new TimeWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0), LocalTime.of(1, 0));
    assertThat(sundayNight.contains(Instant.parse("2025-03-17T00:30:00Z"))).as("Monday after Sunday").isTrue();
  }

  @Test
  void equalHoursMeanTheWholeCalendarDay() {
    TimeWindow tuesday = new TimeWindow(Set.of(DayOfWeek.TUESDAY), LocalTime.NOON, LocalTime.NOON);
    assertThat(tuesday.contains(Instant.parse("2025-03-11T00:00:00Z"))).isTrue();
    assertThat(tuesday.contains(Instant.parse("2025-03-11T23:59:59.999999999Z"))).isTrue();
    assertThat(tuesday.contains(Instant.parse("2025-03-12T00:00:00Z"))).isFalse();
  }

  private static void check(Draw d) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    int mask = d.between(1, 127);
    for (DayOfWeek day : DayOfWeek.values()) {
      if ((mask & (1 << day.ordinal())) != 0) {
        days.add(day);
      }
    }
    LocalTime from = time(d);
    LocalTime to = d.bool() ? from : time(d);
    Instant t = d.bool() ? nearEdge(d, from, to) : Instant.ofEpochSecond(
        d.between(-EPOCH_SECONDS_RANGE, EPOCH_SECONDS_RANGE), d.between(0, 999_999_999));

    boolean expected = reference(days, from, to, t);

    assertThat(new TimeWindow(days, from, to).contains(t))
        .as("days=%s from=%s to=%s t=%s", days, from, to, t).isEqualTo(expected);
  }

  /** Mostly whole minutes (as policies write them), sometimes any nanosecond of the day. */
  private static LocalTime time(Draw d) {
    return d.bool()
        ? LocalTime.ofSecondOfDay(60L * d.between(0, 24 * 60 - 1))
        : LocalTime.ofNanoOfDay(d.between(0L, NANOS_PER_DAY - 1));
  }

  private static Instant nearEdge(Draw d, LocalTime from, LocalTime to) {
    LocalDate date = LocalDate.ofEpochDay(d.between(-100_000, 100_000));
    LocalTime edge = d.bool() ? from : d.bool() ? to : LocalTime.MIDNIGHT;
    long nudge = List.of(-1_000_000_000L, -1L, 0L, 0L, 1L, 1_000_000_000L).get(d.between(0, 5));
    return date.atTime(edge).toInstant(ZoneOffset.UTC).plusNanos(nudge);
  }

  private static boolean reference(Set<DayOfWeek> days, LocalTime from, LocalTime to, Instant t) {
    LocalDate today = LocalDate.ofInstant(t, ZoneOffset.UTC);
    for (LocalDate start : List.of(today.minusDays(1), today)) {
      if (!days.contains(start.getDayOfWeek())) {
        continue;
      }
      Instant open;
      Instant close;
      if (from.equals(to)) {
        open = start.atStartOfDay().toInstant(ZoneOffset.UTC);
        close = start.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else {
        open = start.atTime(from).toInstant(ZoneOffset.UTC);
        close = (from.isBefore(to) ? start : start.plusDays(1)).atTime(to).toInstant(ZoneOffset.UTC);
      }
      if (!t.isBefore(open) && t.isBefore(close)) {
        return true;
      }
    }
    return false;
  }
}
