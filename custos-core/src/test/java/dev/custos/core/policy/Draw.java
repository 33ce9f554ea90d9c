package dev.custos.core.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Random;

/**
 * Where a property test draws its values: Jazzer's {@link FuzzedDataProvider} when fuzzing, or a
 * seeded {@link Random} so that the plain test run (where a {@code @FuzzTest} without a seed
 * corpus replays only the empty input) still checks the property over many cases.
 */
interface Draw {
  /** A value in {@code [min, max]}; {@code max < Long.MAX_VALUE}. */
  long between(long min, long max);

  boolean bool();

  default int between(int min, int max) {
    return (int) between((long) min, (long) max);
  }

  static Draw of(FuzzedDataProvider data) {
    return new Draw() {
      @Override
      public long between(long min, long max) {
        return data.consumeLong(min, max);
      }

      @Override
      public boolean bool() {
        return data.consumeBoolean();
      }
    };
  }

  static Draw of(Random random) {
    return new Draw() {
      @Override
      public long between(long min, long max) {
        return random.nextLong(min, max + 1);
      }

      @Override
      public boolean bool() {
        return random.nextBoolean();
      }
    };
  }
}
