package dev.custos.bench;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.testkit.TestWallets;
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
 * {@link PsbtCodec#parse} of an unsigned 10-input, 10-output BIP84 PSBT whose inputs each carry
 * the previous transaction, the witness UTXO and a BIP32 derivation (every public key is checked
 * on the curve by libsecp256k1 during parsing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PsbtParseBench {
  private byte[] psbt;

  @Setup
  public void psbt() {
    try (ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON)) {
      psbt = PsbtCodec.serialize(BenchPsbts.tenByTen(master));
    }
  }

  @Benchmark
  public Psbt parse10x10() throws Exception {
    return PsbtCodec.parse(psbt);
  }
}
