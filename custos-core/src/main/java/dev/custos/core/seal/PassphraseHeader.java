package dev.custos.core.seal;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Header of a passphrase-sealed blob: the Argon2id version (0x13, RFC 9106), its cost parameters
 * and the 16-byte salt. Encoded as {@code version(1) memoryKiB(u32) iterations(u32)
 * parallelism(u32) salt(16)}, big-endian.
 */
final class PassphraseHeader implements KindHeader {
  static final int ARGON2_VERSION = 0x13;
  static final int SALT_BYTES = 16;

  private final Argon2Params params;
  private final byte[] salt;

  PassphraseHeader(Argon2Params params, byte[] salt) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes, got " + salt.length);
    }
    this.params = params;
    this.salt = salt.clone();
  }

  static PassphraseHeader read(BlobReader in) throws SealFormatException {
    int version = in.u8("argon2 version");
    if (version != ARGON2_VERSION) {
      throw new SealFormatException(
          String.format("unsupported argon2 version 0x%02x (expected 0x13)", version));
    }
    long memoryKiB = in.u32("argon2 memory");
    long iterations = in.u32("argon2 iterations");
    long parallelism = in.u32("argon2 parallelism");
    Optional<String> problem = Argon2Params.problem(memoryKiB, iterations, parallelism);
    if (problem.isPresent()) {
      throw new SealFormatException("refused argon2 parameters: " + problem.get());
    }
    Argon2Params params = new Argon2Params((int) memoryKiB, (int) iterations, (int) parallelism);
    return new PassphraseHeader(params, in.take(SALT_BYTES, "argon2 salt"));
  }

  @Override
  public SealerKind kind() {
    return SealerKind.PASSPHRASE;
  }

  Argon2Params params() {
    return params;
  }

  byte[] salt() {
    return salt.clone();
  }

  @Override
  public void writeTo(ByteArrayOutputStream out) {
    out.write(ARGON2_VERSION);
    SealedBlob.writeU32(out, params.memoryKiB());
    SealedBlob.writeU32(out, params.iterations());
    SealedBlob.writeU32(out, params.parallelism());
    out.writeBytes(salt);
  }
}
