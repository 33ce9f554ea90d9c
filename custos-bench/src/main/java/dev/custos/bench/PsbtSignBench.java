package dev.custos.bench;

import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.sign.PsbtSigner;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.SigningResult;
import dev.custos.core.testkit.TestWallets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code custos psbt sign} does per PSBT, minus file I/O and unsealing: parse the PSBT bytes,
 * sign its one input with {@link PsbtSigner} (BIP32 derivation from the master key to the input's
 * key, sighash, libsecp256k1 signature, policy checks), serialize the result. The master key is
 * derived once, outside the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PsbtSignBench {
  private final PsbtSigner signer = new PsbtSigner(SigningOptions.DEFAULTS, new SecureRandom());
  private ExtendedPrivateKey master;
  private HdSigningKeys keys;
  private byte[] p2wpkh;
  private byte[] p2tr;

  @Setup
  public void psbts() throws Exception {
    master = TestWallets.master(TestWallets.ABANDON);
    keys = new HdSigningKeys(master);
    p2wpkh = PsbtCodec.serialize(BenchPsbts.singleInput(master, AccountType.BIP84));
    p2tr = PsbtCodec.serialize(BenchPsbts.singleInput(master, AccountType.BIP86));
    // Refuse to time a PSBT that is parsed but left unsigned.
    for (byte[] psbt : new byte[][] {p2wpkh, p2tr}) {
      if (signer.sign(PsbtCodec.parse(psbt), keys).signatureCount() != 1) {
        throw new IllegalStateException("benchmark PSBT did not get exactly one signature");
      }
    }
  }

  @TearDown
  public void zeroize() {
    master.close();
  }

  @Benchmark
  public byte[] signP2wpkh() throws Exception {
    return signBytes(p2wpkh);
  }

  @Benchmark
  public byte[] signP2trKeyPath() throws Exception {
    return signBytes(p2tr);
  }

  private byte[] signBytes(byte[] psbt) throws Exception {
    SigningResult result = signer.sign(PsbtCodec.parse(psbt), keys);
    return PsbtCodec.serialize(result.psbt());
  }
}
