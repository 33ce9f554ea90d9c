package dev.custos.bench;

import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link PassphraseSealer#unseal} of a 64-byte seed: what unlocking costs before every signing
 * session. Argon2id dominates. Two parameter sets:
 *
 * <ul>
 *   <li>{@code calibrated}: {@link Argon2Params#calibrate} for 500 ms, as {@code custos init} does,
 *       run in this fork's setup (so it reflects the machine's load at that moment; the chosen
 *       parameters are printed);
 *   <li>{@code rfc9106}: fixed 64 MiB, 3 passes, 2 lanes (RFC 9106 §4's second recommended option,
 *       the calibration floor), comparable across machines and runs.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public class UnsealBench {
  private static final byte[] CONTEXT = "custos/bench/v1".getBytes(StandardCharsets.US_ASCII);

  @Param({"calibrated", "rfc9106"})
  public String params;

  private PassphraseSealer sealer;
  private SealedBlob blob;

  @Setup(Level.Trial)
  public void seal() {
    Argon2Params argon2 = switch (params) {
      case "calibrated" -> Argon2Params.calibrate(Duration.ofMillis(500), System::nanoTime);
      case "rfc9106" -> new Argon2Params(64 * 1024, 3, 2);
      default -> throw new IllegalArgumentException("unknown parameter set " + params);
    };
    System.out.println("argon2id " + params + ": memoryKiB=" + argon2.memoryKiB()
        + " iterations=" + argon2.iterations() + " parallelism=" + argon2.parallelism());
    SecureRandom random = new SecureRandom();
    try (SecretBytes passphrase = SecretBytes.copyOf("correct horse battery staple".getBytes(StandardCharsets.UTF_8));
        SecretBytes seed = SecretBytes.random(64, random)) {
      sealer = new PassphraseSealer(passphrase, argon2, random);
      blob = sealer.seal(seed, CONTEXT);
    }
  }

  @TearDown(Level.Trial)
  public void zeroize() {
    sealer.close();
  }

  @Benchmark
  public int unseal() throws Exception {
    try (SecretBytes seed = sealer.unseal(blob, CONTEXT)) {
      return seed.length();
    }
  }
}
