package dev.custos.bench;

import fr.acinq.secp256k1.Secp256k1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The machine's speed at the moment of a load run, so that figures measured on a shared, noisy
 * machine can be compared as ratios: raw libsecp256k1 ECDSA (secp256k1-kmp JNI) sign and verify
 * of distinct 32-byte digests with one key, on one thread, nothing around it.
 */
final class RawEcdsaRate {
  private RawEcdsaRate() {}

  /** Sign-then-verify pairs per second on the calling thread, timed for about two seconds after a warm-up. */
  static double signAndVerifyPerSecond() {
    Secp256k1 secp = Secp256k1.get();
    Random random = new Random(7);
    byte[] key = new byte[32];
    do {
      random.nextBytes(key);
    } while (!secp.secKeyVerify(key));
    byte[] pub = secp.pubkeyCreate(key);
    byte[] msg = new byte[32];
    random.nextBytes(msg);
    for (int i = 0; i < 2_000; i++) {
      pair(secp, msg, key, pub, i);
    }
    long t0 = System.nanoTime();
    long deadline = t0 + 2_000_000_000L;
    int n = 0;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 100; i++) {
        pair(secp, msg, key, pub, n++);
      }
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static void pair(Secp256k1 secp, byte[] msg, byte[] key, byte[] pub, int i) {
    msg[0] = (byte) i;
    msg[1] = (byte) (i >>> 8);
    byte[] sig = secp.sign(msg, key, null);
    if (!secp.verify(sig, msg, pub)) {
      throw new IllegalStateException("libsecp256k1 rejected its own signature");
    }
  }

  /** The 1, 5 and 15 minute load averages of the machine ({@code /proc/loadavg}), or why they are unknown. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }
}
