package dev.custos.core.seal;

import dev.custos.core.secret.SecretBytes;

/**
 * A sealing backend: encrypts secrets at rest under a key it controls (a passphrase today; a
 * PKCS#11 HSM or a cloud KMS later). All backends produce {@link SealedBlob}s in the one versioned
 * format described there and in {@code docs/sealing.md}.
 *
 * <p>Contract, for every implementation:
 *
 * <ul>
 *   <li>{@code unseal(seal(p, c), c)} returns a secret equal to {@code p};
 *   <li>{@code context} is the caller's associated data (for example {@code "custos/seed/v1"} plus
 *       the network). It is not stored in the blob; it is bound into the AEAD, so unsealing with
 *       any other context fails;
 *   <li>any change to any byte of an encoded blob makes unsealing fail with an {@link
 *       UnsealException}; it never yields a different plaintext;
 *   <li>intermediate keys are zeroized after use and no exception message contains secret
 *       material.
 * </ul>
 *
 * <p>A sealer holds a credential (a passphrase, a session), so it is {@link AutoCloseable}; after
 * {@link #close()} it must not be used.
 */
public interface Sealer extends AutoCloseable {

  /**
   * Seals {@code plaintext} (not consumed: the caller still owns and closes it).
   *
   * @param context caller's associated data; must not be empty
   * @throws IllegalArgumentException if {@code context} is empty or the plaintext is larger than
   *     {@link SealedBlob#MAX_PLAINTEXT_BYTES}
   */
  SealedBlob seal(SecretBytes plaintext, byte[] context);

  /**
   * Opens {@code blob}. The caller owns the returned secret and must close it.
   *
   * @param context the same associated data that was given to {@link #seal}
   * @throws UnsealException if the blob is of another kind, its parameters are refused, or any
   *     authentication fails
   */
  SecretBytes unseal(SealedBlob blob, byte[] context) throws UnsealException;

  /** The sealer kind name, as recorded in the blob: {@code "passphrase"}, ... */
  String kind();

  /** Zeroizes the credential this sealer holds. Idempotent. */
  @Override
  void close();
}
