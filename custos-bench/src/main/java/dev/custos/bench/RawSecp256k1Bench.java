package dev.custos.bench;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The baseline: one libsecp256k1 signature of a fixed 32-byte digest through secp256k1-kmp's JNI
 * binding, with nothing around it. ECDSA gets no extra entropy (plain RFC 6979); BIP340 gets a
 * fixed 32-byte auxiliary random value, so no random number generator is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RawSecp256k1Bench {
  private final Secp256k1 secp = Secp256k1.get();
  private final byte[] digest = new byte[32];
  private final byte[] privateKey = new byte[32];
  private final byte[] aux = new byte[32];

  @Setup
  public void keys() {
    Random random = new Random(7);
    random.nextBytes(digest);
    random.nextBytes(aux);
    do {
      random.nextBytes(privateKey);
    } while (!secp.secKeyVerify(privateKey));
  }

  @Benchmark
  public byte[] ecdsaSign() {
    return secp.sign(digest, privateKey, null);
  }

  @Benchmark
  public byte[] schnorrSign() {
    return secp.signSchnorr(digest, privateKey, aux);
  }
}
