package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bucket plan as a pure function: what it covers and how many rows it may read. */
class VelocityCoverTest {
  @Test
  void aWeekEndingMidDayIsWholeDaysThenHoursThenMinutes() {
    VelocityCover c = VelocityCover.of(Instant.parse("2026-01-10T12:34:56Z"), Duration.ofDays(7));
    assertThat(c).isEqualTo(new VelocityCover(
        sec("2026-01-04T00:00:00Z"), sec("2026-01-11T00:00:00Z"),
        sec("2026-01-03T13:00:00Z"), sec("2026-01-04T00:00:00Z"),
        sec("2026-01-03T12:34:00Z"), sec("2026-01-03T13:00:00Z")));
    assertThat(c.bucketCount()).isEqualTo(7 + 11 + 26);
  }

  @Test
  void anHourInsideOneDayUsesTheCurrentHourAndOldMinutes() {
    VelocityCover c = VelocityCover.of(Instant.parse("2026-01-10T12:34:56Z"), Duration.ofHours(1));
    assertThat(c).isEqualTo(new VelocityCover(0, 0, sec("2026-01-10T12:00:00Z"), sec("2026-01-10T13:00:00Z"),
        sec("2026-01-10T11:34:00Z"), sec("2026-01-10T12:00:00Z")));
  }

  @Test
  void aFewMinutesAreMinutesOnly() {
    VelocityCover c = VelocityCover.of(Instant.parse("2026-01-10T12:34:56Z"), Duration.ofMinutes(5));
    assertThat(c).isEqualTo(new VelocityCover(0, 0, 0, 0, sec("2026-01-10T12:29:00Z"), sec("2026-01-10T12:35:00Z")));
  }

  /**
   * For random now/window: the ranges are aligned, disjoint and contiguous, start at the minute
   * containing now - window, end after now, and stay under 83 + days + 1 buckets.
   */
  @Test
  void randomCoversAreContiguousAlignedAndBounded() {
    Random rnd = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      Instant now = Instant.ofEpochSecond(1_700_000_000L + rnd.nextLong(100_000_000L), rnd.nextInt(1_000_000_000));
      Duration window = Duration.ofSeconds(1 + rnd.nextLong(366L * 86_400), rnd.nextInt(1_000_000_000));
      VelocityCover c = VelocityCover.of(now, window);
      String at = now + " " + window;
      long oldest = Math.floorDiv(now.minus(window).getEpochSecond(), 60) * 60;
      assertThat(c.minuteFrom()).as(at).isEqualTo(oldest);
      assertThat(c.minuteFrom() % 60).isZero();
      assertThat(c.hourFrom() % 3_600).isZero();
      assertThat(c.dayFrom() % 86_400).isZero();
      long end = c.dayTo() > c.dayFrom() ? c.dayTo() : c.hourTo() > c.hourFrom() ? c.hourTo() : c.minuteTo();
      if (c.hourTo() > c.hourFrom()) {
        assertThat(c.hourFrom()).as(at).isEqualTo(c.minuteTo());
      }
      if (c.dayTo() > c.dayFrom()) {
        assertThat(c.dayFrom()).as(at).isEqualTo(c.hourTo() > c.hourFrom() ? c.hourTo() : c.minuteTo());
      }
      assertThat(end).as(at).isGreaterThan(now.getEpochSecond());
      assertThat(c.bucketCount()).as(at).isLessThanOrEqualTo(59 + 23 + window.toDays() + 1 + 1);
    }
  }

  private static long sec(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }
}
