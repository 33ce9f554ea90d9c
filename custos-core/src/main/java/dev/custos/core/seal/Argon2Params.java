package dev.custos.core.seal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Argon2id cost parameters (RFC 9106 §3.1): memory size in KiB, number of passes, degree of
 * parallelism (lanes). The same bounds are enforced here and when a sealed blob is decoded, so an
 * absurd header is refused before any Argon2 work starts.
 *
 * <p>Bounds: {@code 1 <= parallelism <= 64}, {@code 1 <= iterations <= 100}, {@code 8 *
 * parallelism <= memoryKiB <= 4 GiB}.
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  public static final int MAX_ITERATIONS = 100;
  public static final int MAX_PARALLELISM = 64;

  /**
   * Tiny parameters (64 KiB, 1 pass, 1 lane) so tests run fast. <b>For tests only:</b> a blob
   * sealed with them offers almost no resistance to passphrase guessing.
   */
  public static final Argon2Params TEST = new Argon2Params(64, 1, 1);

  /** Calibration never goes below RFC 9106 §4's second recommended option: 64 MiB, 3 passes. */
  static final int START_MEMORY_KIB = 64 * 1024;

  static final int MIN_ITERATIONS = 3;
  static final int MAX_CALIBRATED_MEMORY_KIB = 1024 * 1024;

  /** Above this many passes, calibration doubles the memory instead (memory hardness first). */
  static final int PREFERRED_MAX_ITERATIONS = 8;

  static final int MAX_TRIALS = 8;

  public Argon2Params {
    Optional<String> problem = problem(memoryKiB, iterations, parallelism);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("argon2 parameters: " + problem.get());
    }
  }

  /** Why these values are out of bounds, if they are. */
  static Optional<String> problem(long memoryKiB, long iterations, long parallelism) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      return Optional.of("parallelism=" + parallelism + " not in [1, " + MAX_PARALLELISM + "]");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      return Optional.of("iterations=" + iterations + " not in [1, " + MAX_ITERATIONS + "]");
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      return Optional.of(
          "memoryKiB=" + memoryKiB + " not in [8*parallelism=" + 8 * parallelism + ", " + MAX_MEMORY_KIB + "]");
    }
    return Optional.empty();
  }

  /**
   * Picks parameters so that one derivation on this machine takes about {@code target} (0.5 s at
   * init). Starts from 64 MiB, 1 pass and {@code min(available cores, 4)} lanes and times that
   * derivation twice, keeping the faster (the first one pays for JIT compilation); the number of
   * passes follows from it (Argon2 passes cost the same). While more than 8 passes would be needed
   * it doubles the memory (up to 1 GiB, and at most half the JVM's maximum heap) and times again.
   * Never returns fewer than 3 passes or less than 64 MiB. At most 6 trial derivations of one pass
   * each. On a loaded machine the result errs towards the floor, never below it.
   *
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime} in production)
   */
  public static Argon2Params calibrate(Duration target, LongSupplier nanoClock) {
    int lanes = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    long halfHeapKiB = Runtime.getRuntime().maxMemory() / 2048;
    int memoryCap = (int) Math.max(START_MEMORY_KIB, Math.min(MAX_CALIBRATED_MEMORY_KIB, halfHeapKiB));
    return calibrate(target, nanoClock, Argon2id::benchmark, lanes, memoryCap);
  }

  static Argon2Params calibrate(
      Duration target,
      LongSupplier nanoClock,
      Consumer<Argon2Params> derivation,
      int lanes,
      int memoryCapKiB) {
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("calibration target must be positive, got " + target);
    }
    long targetNanos = target.toNanos();
    int memory = START_MEMORY_KIB;
    Argon2Params first = new Argon2Params(memory, 1, lanes);
    long perPass = Math.min(time(derivation, nanoClock, first), time(derivation, nanoClock, first));
    int trials = 2;
    while (targetNanos / perPass > PREFERRED_MAX_ITERATIONS
        && memory <= memoryCapKiB / 2
        && trials < MAX_TRIALS) {
      memory *= 2;
      perPass = time(derivation, nanoClock, new Argon2Params(memory, 1, lanes));
      trials++;
    }
    long passes = Math.round((double) targetNanos / perPass);
    int iterations = Math.clamp(passes, MIN_ITERATIONS, MAX_ITERATIONS);
    return new Argon2Params(memory, iterations, lanes);
  }

  private static long time(Consumer<Argon2Params> derivation, LongSupplier clock, Argon2Params params) {
    long start = clock.getAsLong();
    derivation.accept(params);
    return Math.max(1, clock.getAsLong() - start);
  }
}
