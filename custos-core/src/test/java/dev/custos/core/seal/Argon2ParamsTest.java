package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2ParamsTest {
  private static final int GIB_IN_KIB = 1024 * 1024;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0       | 1   | 1  | memoryKiB=0 not in [8*parallelism=8, 4194304]",
        "8       | 1   | 0  | parallelism=0 not in [1, 64]",
        "1024    | 1   | 65 | parallelism=65 not in [1, 64]",
        "64      | 0   | 1  | iterations=0 not in [1, 100]",
        "64      | 101 | 1  | iterations=101 not in [1, 100]",
        "31      | 1   | 4  | memoryKiB=31 not in [8*parallelism=32, 4194304]",
        "4194305 | 1   | 1  | memoryKiB=4194305 not in [8*parallelism=8, 4194304]",
      })
  void outOfBoundsParametersAreRefused(int memoryKiB, int iterations, int parallelism, String why) {
    assertThatThrownBy(() -> new Argon2Params(memoryKiB, iterations, parallelism))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argon2 parameters: " + why);
  }

  @Test
  void boundsAreInclusive() {
    new Argon2Params(8, 1, 1);
    new Argon2Params(Argon2Params.MAX_MEMORY_KIB, Argon2Params.MAX_ITERATIONS, Argon2Params.MAX_PARALLELISM);
  }

  /** A simulated machine: a derivation costs {@code nanosPerKiBPass * memory * passes}. */
  private static final class SimulatedMachine {
    final long nanosPerKiBPass;
    long now;
    final List<Argon2Params> trials = new ArrayList<>();

    SimulatedMachine(Duration onePassOf64MiB) {
      this.nanosPerKiBPass = onePassOf64MiB.toNanos() / Argon2Params.START_MEMORY_KIB;
    }

    Consumer<Argon2Params> derivation() {
      return p -> {
        trials.add(p);
        now += nanosPerKiBPass * p.memoryKiB() * p.iterations();
      };
    }

    Argon2Params calibrate(Duration target) {
      return Argon2Params.calibrate(target, () -> now, derivation(), 4, GIB_IN_KIB);
    }
  }

  @Test
  void typicalMachineRaisesPassesToMeetTheTarget() {
    SimulatedMachine machine = new SimulatedMachine(Duration.ofMillis(100));
    assertThat(machine.calibrate(Duration.ofMillis(500))).isEqualTo(new Argon2Params(64 * 1024, 5, 4));
    assertThat(machine.trials).hasSize(2);
  }

  @Test
  void fastMachineRaisesMemoryThenPasses() {
    SimulatedMachine machine = new SimulatedMachine(Duration.ofMillis(5));
    Argon2Params params = machine.calibrate(Duration.ofMillis(500));
    assertThat(params).isEqualTo(new Argon2Params(GIB_IN_KIB, 6, 4));
    assertThat(machine.trials).hasSizeLessThanOrEqualTo(Argon2Params.MAX_TRIALS).allMatch(p -> p.iterations() == 1);
  }

  @Test
  void slowMachineKeepsTheRfc9106Floor() {
    SimulatedMachine machine = new SimulatedMachine(Duration.ofMillis(400));
    assertThat(machine.calibrate(Duration.ofMillis(500))).isEqualTo(new Argon2Params(64 * 1024, 3, 4));
  }

  @Test
  void memoryNeverExceedsTheCap() {
    SimulatedMachine machine = new SimulatedMachine(Duration.ofNanos(64 * 1024));
    Argon2Params params = Argon2Params.calibrate(Duration.ofSeconds(1), () -> machine.now, machine.derivation(), 2, 256 * 1024);
    assertThat(params.memoryKiB()).isEqualTo(256 * 1024);
    assertThat(params.iterations()).isEqualTo(Argon2Params.MAX_ITERATIONS);
  }

  @Test
  void theFasterOfTheTwoFirstTrialsCounts() {
    long[] costs = {400_000_000L, 100_000_000L};
    long[] now = {0};
    int[] calls = {0};
    Argon2Params params =
        Argon2Params.calibrate(Duration.ofMillis(500), () -> now[0], p -> now[0] += costs[Math.min(calls[0]++, 1)], 4, GIB_IN_KIB);
    assertThat(params).isEqualTo(new Argon2Params(64 * 1024, 5, 4));
  }

  @Test
  void stoppedClockDoesNotDivideByZero() {
    Argon2Params params = Argon2Params.calibrate(Duration.ofMillis(500), () -> 0L, p -> {}, 1, GIB_IN_KIB);
    assertThat(params.memoryKiB()).isEqualTo(GIB_IN_KIB);
  }

  @Test
  void refusesANonPositiveTarget() {
    assertThatThrownBy(() -> Argon2Params.calibrate(Duration.ZERO, System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }

  @Test
  void realCalibrationWithATinyTargetReturnsTheFloor() {
    Argon2Params params = Argon2Params.calibrate(Duration.ofNanos(1), System::nanoTime);
    assertThat(params.memoryKiB()).isEqualTo(64 * 1024);
    assertThat(params.iterations()).isEqualTo(3);
    assertThat(params.parallelism()).isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 4));
  }
}
