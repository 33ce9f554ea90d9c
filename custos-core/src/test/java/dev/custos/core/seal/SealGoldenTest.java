package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Freezes sealed-blob format version 1. {@code golden/seal-v1-passphrase.bin} was written once by
 * {@code new PassphraseSealer(PASSPHRASE, Argon2Params.TEST, new FixedSecureRandom(RANDOM_START))
 * .seal(PLAINTEXT, CONTEXT).encode()} and must keep unsealing with every future build. Never
 * regenerate it: a format change is a new format version.
 */
class SealGoldenTest {
  static final byte[] PASSPHRASE = "correct horse battery staple, golden v1".getBytes(StandardCharsets.UTF_8);
  static final byte[] PLAINTEXT =
      HexFormat.of()
          .parseHex(
              "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                  + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
  static final byte[] CONTEXT = "custos/seed/v1 regtest".getBytes(StandardCharsets.UTF_8);
  static final int RANDOM_START = 0xA0;

  static byte[] golden() throws IOException {
    try (InputStream in = SealGoldenTest.class.getResourceAsStream("/golden/seal-v1-passphrase.bin")) {
      assertThat(in).as("golden/seal-v1-passphrase.bin on the test class path").isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void goldenBlobStillUnseals() throws Exception {
    SealedBlob blob = SealedBlob.decode(golden());
    assertThat(blob.kind()).isEqualTo("passphrase");
    try (SecretBytes passphrase = SecretBytes.copyOf(PASSPHRASE);
        PassphraseSealer sealer =
            new PassphraseSealer(passphrase, new Argon2Params(8 * 1024, 2, 1), new FixedSecureRandom(0));
        SecretBytes plaintext = sealer.unseal(blob, CONTEXT)) {
      assertThat(plaintext.copy()).isEqualTo(PLAINTEXT);
    }
  }

  @Test
  void encoderStillWritesTheGoldenBytes() throws Exception {
    try (SecretBytes passphrase = SecretBytes.copyOf(PASSPHRASE);
        SecretBytes plaintext = SecretBytes.copyOf(PLAINTEXT);
        PassphraseSealer sealer =
            new PassphraseSealer(passphrase, Argon2Params.TEST, new FixedSecureRandom(RANDOM_START))) {
      assertThat(sealer.seal(plaintext, CONTEXT).encode()).isEqualTo(golden());
    }
  }

  /**
   * Opens the golden blob following docs/sealing.md alone, with Bouncy Castle's Argon2id and its
   * AES-GCM (not the JDK cipher the sealer uses): the document and the code describe the same
   * bytes, and the construction is standard.
   */
  @Test
  void goldenBlobOpensByTheDocumentedLayoutWithAnIndependentAesGcm() throws Exception {
    byte[] blob = golden();
    assertThat(new String(blob, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("CUSTOSSEAL");
    assertThat(blob[10]).isEqualTo((byte) 1);
    assertThat(blob[11]).isEqualTo((byte) 1);
    assertThat(blob[12]).isEqualTo((byte) 0x13);
    int memoryKiB = u32(blob, 13);
    int iterations = u32(blob, 17);
    int parallelism = u32(blob, 21);
    byte[] salt = Arrays.copyOfRange(blob, 25, 41);
    byte[] associatedData = concat(Arrays.copyOfRange(blob, 0, 41), CONTEXT);

    byte[] kek = new byte[32];
    Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
    argon2.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    argon2.generateBytes(PASSPHRASE, kek);

    byte[] dataKey = gcmOpen(kek, Arrays.copyOfRange(blob, 41, 53), associatedData, Arrays.copyOfRange(blob, 53, 101));
    int payloadLength = u32(blob, 113);
    assertThat(blob).hasSize(117 + payloadLength);
    byte[] plaintext =
        gcmOpen(dataKey, Arrays.copyOfRange(blob, 101, 113), associatedData, Arrays.copyOfRange(blob, 117, blob.length));
    assertThat(plaintext).isEqualTo(PLAINTEXT);
  }

  private static byte[] gcmOpen(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
      throws InvalidCipherTextException {
    GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(false, new AEADParameters(new KeyParameter(key), 128, nonce, associatedData));
    byte[] out = new byte[gcm.getOutputSize(ciphertext.length)];
    int n = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
    gcm.doFinal(out, n);
    return out;
  }

  private static int u32(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
