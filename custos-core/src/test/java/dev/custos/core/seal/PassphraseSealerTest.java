package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassphraseSealerTest {
  private static final byte[] CONTEXT = "custos/seed/v1 mainnet".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEED = "sixty-four bytes of seed material, or so it pretends to be......".getBytes(StandardCharsets.UTF_8);

  private static PassphraseSealer sealer(String passphrase) {
    try (SecretBytes p = SecretBytes.copyOf(passphrase.getBytes(StandardCharsets.UTF_8))) {
      return new PassphraseSealer(p, Argon2Params.TEST, new SecureRandom());
    }
  }

  private static SealedBlob seal(String passphrase, byte[] plaintext, byte[] context) {
    try (PassphraseSealer sealer = sealer(passphrase);
        SecretBytes p = SecretBytes.copyOf(plaintext)) {
      return sealer.seal(p, context);
    }
  }

  @Test
  void roundTripThroughTheEncoding() throws Exception {
    byte[] encoded = seal("hunter2 but longer", SEED, CONTEXT).encode();
    try (PassphraseSealer sealer = sealer("hunter2 but longer");
        SecretBytes opened = sealer.unseal(SealedBlob.decode(encoded), CONTEXT)) {
      assertThat(opened.copy()).isEqualTo(SEED);
    }
  }

  @Test
  void emptyPlaintextRoundTrips() throws Exception {
    SealedBlob blob = seal("pass", new byte[0], CONTEXT);
    try (PassphraseSealer sealer = sealer("pass");
        SecretBytes opened = sealer.unseal(blob, CONTEXT)) {
      assertThat(opened.length()).isZero();
    }
  }

  @Test
  void twoSealsOfTheSameSecretDiffer() {
    assertThat(seal("pass", SEED, CONTEXT).encode()).isNotEqualTo(seal("pass", SEED, CONTEXT).encode());
  }

  @Test
  void wrongPassphraseIsReportedAsSuchAndNothingMore() {
    SealedBlob blob = seal("right passphrase", SEED, CONTEXT);
    try (PassphraseSealer sealer = sealer("wrong passphrase")) {
      assertThatThrownBy(() -> sealer.unseal(blob, CONTEXT))
          .isExactlyInstanceOf(WrongPassphraseException.class)
          .hasMessage("wrong passphrase or corrupted sealed file");
    }
  }

  @Test
  void differentContextFails() {
    SealedBlob blob = seal("pass", SEED, CONTEXT);
    try (PassphraseSealer sealer = sealer("pass")) {
      assertThatThrownBy(() -> sealer.unseal(blob, "custos/seed/v1 testnet".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UnsealException.class);
    }
  }

  @Test
  void unsealUsesTheParametersInTheBlobNotTheSealers() throws Exception {
    SealedBlob blob = seal("pass", SEED, CONTEXT);
    try (SecretBytes p = SecretBytes.copyOf("pass".getBytes(StandardCharsets.UTF_8));
        PassphraseSealer recalibrated = new PassphraseSealer(p, new Argon2Params(1024, 2, 2), new SecureRandom());
        SecretBytes opened = recalibrated.unseal(blob, CONTEXT)) {
      assertThat(opened.copy()).isEqualTo(SEED);
    }
  }

  /**
   * Flipping any bit pattern in any byte (header, salt, nonces, wrapped key, length, ciphertext)
   * yields an UnsealException (format or authentication), never a crash and never a plaintext.
   */
  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x80, 0xff})
  void everyModifiedByteFailsCleanly(int mask) {
    byte[] encoded = seal("zebra-quokka", SEED, CONTEXT).encode();
    try (PassphraseSealer sealer = sealer("zebra-quokka")) {
      for (int i = 0; i < encoded.length; i++) {
        byte[] modified = encoded.clone();
        modified[i] ^= (byte) mask;
        try {
          SecretBytes opened = sealer.unseal(SealedBlob.decode(modified), CONTEXT);
          opened.close();
          fail("byte %d ^ 0x%02x unsealed", i, mask);
        } catch (UnsealException expected) {
          assertThat(expected.getMessage()).doesNotContain("zebra").doesNotContain("quokka");
        }
      }
    }
  }

  @Test
  void kindIsPassphraseOnBothSides() {
    try (PassphraseSealer sealer = sealer("pass")) {
      assertThat(sealer.kind()).isEqualTo("passphrase");
    }
    assertThat(seal("pass", SEED, CONTEXT).kind()).isEqualTo("passphrase");
  }

  @Test
  void refusesEmptyPassphraseAndEmptyContext() {
    try (SecretBytes empty = SecretBytes.copyOf(new byte[0])) {
      assertThatThrownBy(() -> new PassphraseSealer(empty, Argon2Params.TEST, new SecureRandom()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("passphrase must not be empty");
    }
    assertThatThrownBy(() -> seal("pass", SEED, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOversizedPlaintext() {
    assertThatThrownBy(() -> seal("pass", new byte[SealedBlob.MAX_PLAINTEXT_BYTES + 1], CONTEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
  }

  @Test
  void copiesThePassphraseAndZeroizesItsCopyOnClose() throws Exception {
    SealedBlob blob = seal("pass", SEED, CONTEXT);
    SecretBytes callers = SecretBytes.copyOf("pass".getBytes(StandardCharsets.UTF_8));
    PassphraseSealer sealer = new PassphraseSealer(callers, Argon2Params.TEST, new SecureRandom());
    callers.close();
    try (SecretBytes opened = sealer.unseal(blob, CONTEXT)) {
      assertThat(opened.copy()).isEqualTo(SEED);
    }
    sealer.close();
    assertThatThrownBy(() -> sealer.unseal(blob, CONTEXT)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesArgon2MemoryTheHeapCannotHold() throws Exception {
    long oneGiB = 1L << 30;
    PassphraseSealer.requireHeapFor(new Argon2Params(512 * 1024, 1, 1), oneGiB);
    assertThatThrownBy(() -> PassphraseSealer.requireHeapFor(new Argon2Params(Argon2Params.MAX_MEMORY_KIB, 1, 1), oneGiB))
        .isExactlyInstanceOf(UnsealException.class)
        .hasMessage("sealed file needs 4096 MiB of Argon2 memory but the JVM heap is limited to 1024 MiB; raise -Xmx");
  }
}
