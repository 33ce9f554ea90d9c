package dev.custos.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The velocity buckets that cover a rolling window {@code (now - window, now]}: three contiguous
 * ranges of bucket starts (epoch seconds, half-open {@code [from, to)}), one per granularity, that
 * never overlap. Built from the new edge backwards: the biggest bucket (day, else hour, else
 * minute) that contains {@code now} and starts inside the window, then whole days, whole hours and
 * finally whole minutes down to the minute that contains {@code now - window}.
 *
 * <p>Guarantees, which keep budgets on the safe side:
 * <ul>
 *   <li>never under-counts: every spend at {@code t} with {@code now - window < t <= now} lies in a
 *       covered bucket;
 *   <li>over-counts at most the spends in the minute that contains {@code now - window} but not
 *       after it (the partially covered oldest bucket is counted whole), plus spends recorded
 *       <em>later</em> than {@code now} in the newest bucket, which cannot exist when {@code now}
 *       is never below the high-water mark;
 *   <li>reads at most 59 minute rows + 23 hour rows + (whole days of the window + 1) day rows,
 *       whatever the history holds: at most 90 rows for 7 days, 113 for 30 days.
 * </ul>
 */
record VelocityCover(long dayFrom, long dayTo, long hourFrom, long hourTo, long minuteFrom, long minuteTo) {
  static final long MINUTE = 60;
  static final long HOUR = 3_600;
  static final long DAY = 86_400;

  static VelocityCover of(Instant now, Duration window) {
    long newest = now.getEpochSecond();
    long oldest = floor(now.minus(window).getEpochSecond(), MINUTE);
    long hourOfOldest = ceil(oldest, HOUR);
    long dayOfNow = floor(newest, DAY);
    if (dayOfNow >= oldest) {
      long dayOfOldest = ceil(oldest, DAY);
      return new VelocityCover(dayOfOldest, dayOfNow + DAY, hourOfOldest, dayOfOldest, oldest, hourOfOldest);
    }
    long hourOfNow = floor(newest, HOUR);
    if (hourOfNow >= oldest) {
      return new VelocityCover(0, 0, hourOfOldest, hourOfNow + HOUR, oldest, hourOfOldest);
    }
    return new VelocityCover(0, 0, 0, 0, oldest, floor(newest, MINUTE) + MINUTE);
  }

  /** Upper bound on the buckets in this cover (rows read). */
  long bucketCount() {
    return (dayTo - dayFrom) / DAY + (hourTo - hourFrom) / HOUR + (minuteTo - minuteFrom) / MINUTE;
  }

  static long floor(long epochSecond, long width) {
    return Math.floorDiv(epochSecond, width) * width;
  }

  private static long ceil(long epochSecond, long width) {
    return -Math.floorDiv(-epochSecond, width) * width;
  }
}
