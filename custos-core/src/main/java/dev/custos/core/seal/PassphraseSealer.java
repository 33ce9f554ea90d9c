package dev.custos.core.seal;

import dev.custos.core.secret.AesGcm;
import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/**
 * Seals under a passphrase: KEK = Argon2id(passphrase, salt, params) (RFC 9106, 32 bytes); a fresh
 * random 32-byte data key is wrapped under the KEK with AES-256-GCM, and the plaintext is
 * encrypted under the data key with AES-256-GCM. Both AEADs take {@code header || context} as
 * associated data (see {@link SealedBlob}). Salt, nonces and data key come from the injected
 * {@link SecureRandom}.
 *
 * <p>{@link #unseal} uses the parameters recorded in the blob, so recalibrating never breaks old
 * blobs. A failed wrap authentication raises {@link WrongPassphraseException}; a failed payload
 * authentication after a good unwrap means the payload was modified. The KEK and data key are
 * zeroized after every operation.
 *
 * <p>Thread-safe. {@link #close()} zeroizes this sealer's copy of the passphrase.
 */
public final class PassphraseSealer implements Sealer {
  private final SecretBytes passphrase;
  private final Argon2Params params;
  private final SecureRandom random;

  /**
   * @param passphrase copied; the caller still closes its own
   * @param params cost of new seals (from {@link Argon2Params#calibrate}); unseal ignores them
   * @throws IllegalArgumentException if the passphrase is empty
   */
  public PassphraseSealer(SecretBytes passphrase, Argon2Params params, SecureRandom random) {
    if (passphrase.length() == 0) {
      throw new IllegalArgumentException("passphrase must not be empty");
    }
    this.passphrase = SecretBytes.takeOwnership(passphrase.copy());
    this.params = params;
    this.random = random;
  }

  /**
   * A sealer that can only unseal: blobs carry their own cost parameters, so unlocking needs
   * neither calibration nor randomness. {@link #seal} throws {@link IllegalStateException}.
   */
  public static PassphraseSealer forUnsealing(SecretBytes passphrase) {
    return new PassphraseSealer(passphrase, null, null);
  }

  @Override
  public String kind() {
    return SealerKind.PASSPHRASE.label();
  }

  @Override
  public SealedBlob seal(SecretBytes plaintext, byte[] context) {
    requireContext(context);
    if (params == null || random == null) {
      throw new IllegalStateException("this sealer was created for unsealing only");
    }
    if (plaintext.length() > SealedBlob.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException(
          "plaintext of " + plaintext.length() + " bytes exceeds " + SealedBlob.MAX_PLAINTEXT_BYTES);
    }
    PassphraseHeader header = new PassphraseHeader(params, randomBytes(PassphraseHeader.SALT_BYTES));
    byte[] associatedData = SealedBlob.associatedData(header, context);
    byte[] wrapNonce = randomBytes(SealedBlob.NONCE_BYTES);
    byte[] payloadNonce = randomBytes(SealedBlob.NONCE_BYTES);
    try (SecretBytes kek = Argon2id.deriveKek(passphrase, header.salt(), params);
        SecretBytes dataKey = SecretBytes.random(SealedBlob.DATA_KEY_BYTES, random)) {
      byte[] wrapped = AesGcm.encrypt(kek, wrapNonce, associatedData, dataKey);
      byte[] payload = AesGcm.encrypt(dataKey, payloadNonce, associatedData, plaintext);
      return new SealedBlob(header, wrapNonce, wrapped, payloadNonce, payload);
    }
  }

  @Override
  public SecretBytes unseal(SealedBlob blob, byte[] context) throws UnsealException {
    requireContext(context);
    if (!(blob.header() instanceof PassphraseHeader header)) {
      throw new UnsealException("sealed file is of kind '" + blob.kind() + "', not 'passphrase'");
    }
    Argon2Params blobParams = header.params();
    requireHeapFor(blobParams, Runtime.getRuntime().maxMemory());
    byte[] associatedData = blob.associatedData(context);
    try (SecretBytes kek = Argon2id.deriveKek(passphrase, header.salt(), blobParams);
        SecretBytes dataKey = unwrap(kek, blob, associatedData)) {
      return AesGcm.decrypt(dataKey, blob.payloadNonce(), associatedData, blob.payloadCiphertext());
    } catch (AEADBadTagException e) {
      throw new UnsealException("sealed payload failed authentication: corrupted sealed file");
    }
  }

  @Override
  public void close() {
    passphrase.close();
  }

  private static SecretBytes unwrap(SecretBytes kek, SealedBlob blob, byte[] associatedData)
      throws WrongPassphraseException {
    try {
      return AesGcm.decrypt(kek, blob.wrapNonce(), associatedData, blob.wrappedDataKey());
    } catch (AEADBadTagException e) {
      throw new WrongPassphraseException();
    }
  }

  /** Refuses, with a clear message, a blob whose Argon2 memory this JVM cannot allocate. */
  static void requireHeapFor(Argon2Params params, long maxHeapBytes) throws UnsealException {
    long neededMiB = params.memoryKiB() / 1024L;
    long maxHeapMiB = maxHeapBytes / (1024L * 1024L);
    if (neededMiB > maxHeapMiB * 3 / 4) {
      throw new UnsealException(
          "sealed file needs " + neededMiB + " MiB of Argon2 memory but the JVM heap is limited to "
              + maxHeapMiB + " MiB; raise -Xmx");
    }
  }

  private byte[] randomBytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static void requireContext(byte[] context) {
    if (context == null || context.length == 0) {
      throw new IllegalArgumentException("context must name what is sealed, got none");
    }
  }
}
