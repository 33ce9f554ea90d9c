package dev.custos.core.seal;

import dev.custos.core.secret.SecretBytes;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id, version 0x13 (RFC 9106), computed by Bouncy Castle's {@link Argon2BytesGenerator}.
 * The generator clears its memory blocks when a derivation ends.
 */
final class Argon2id {
  static final int KEK_BYTES = 32;

  private Argon2id() {}

  /** The Bouncy Castle parameters for {@code params} and {@code salt}, without secret or data. */
  static Argon2Parameters.Builder parameters(Argon2Params params, byte[] salt) {
    return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(params.memoryKiB())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt);
  }

  /** KEK = Argon2id(passphrase, salt, params), 32 bytes. The caller closes it. */
  static SecretBytes deriveKek(SecretBytes passphrase, byte[] salt, Argon2Params params) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters(params, salt).build());
    byte[] kek = new byte[KEK_BYTES];
    passphrase.use(p -> generator.generateBytes(p, kek));
    return SecretBytes.takeOwnership(kek);
  }

  /** One derivation over a public dummy input, for calibration timing. */
  static void benchmark(Argon2Params params) {
    try (SecretBytes dummy = SecretBytes.copyOf(new byte[] {0})) {
      deriveKek(dummy, new byte[PassphraseHeader.SALT_BYTES], params).close();
    }
  }
}
