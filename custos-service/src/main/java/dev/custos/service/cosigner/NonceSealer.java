package dev.custos.service.cosigner;

import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.SigningNonces;
import dev.custos.core.frost.SigningShare;
import dev.custos.core.secret.AesGcm;
import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Seals a cosigner's round-one nonces for the store, which never sees them in the clear.
 *
 * <p>Key: {@code SHA256("custos/frost-nonce/seal-key/v1" || s_i)}, derived from the cosigner's
 * internal signing share (so only the holder of the share can open its nonces). Blob: a random
 * 12-byte nonce, then AES-256-GCM (JDK) of {@code hiding || binding} (64 bytes) with associated
 * data {@code "custos/frost-nonce/v1" || sessionId || participant || psbtHash}: a blob moved to
 * another session, participant or PSBT does not open. 92 bytes in all.
 */
final class NonceSealer implements AutoCloseable {
  static final int SEALED_LENGTH = 12 + SigningNonces.SECRET_LENGTH + AesGcm.TAG_BYTES;
  private static final byte[] KEY_DOMAIN = "custos/frost-nonce/seal-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AD_DOMAIN = "custos/frost-nonce/v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretBytes key;

  NonceSealer(SigningShare share) {
    try (SecretBytes s = share.toSecretBytes()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(KEY_DOMAIN);
      s.use(b -> {
        sha.update(b);
        return null;
      });
      this.key = SecretBytes.takeOwnership(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  byte[] seal(SigningNonces nonces, byte[] sessionId, byte[] psbtHash, SecureRandom random) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    try (SecretBytes plain = nonces.toSecretBytes()) {
      byte[] ct = AesGcm.encrypt(key, nonce, associatedData(sessionId, nonces.commitments().identifier(), psbtHash), plain);
      byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
      System.arraycopy(ct, 0, out, 12, ct.length);
      return out;
    }
  }

  /** Opens a blob made by {@link #seal} for the same session, participant and PSBT hash; the caller closes the nonces. */
  SigningNonces open(byte[] sealed, byte[] sessionId, Identifier participant, byte[] psbtHash) throws FrostException {
    if (sealed.length != SEALED_LENGTH) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING,
          "sealed nonces must be " + SEALED_LENGTH + " bytes, got " + sealed.length);
    }
    try (SecretBytes plain = AesGcm.decrypt(key, Arrays.copyOf(sealed, 12), associatedData(sessionId, participant, psbtHash),
        Arrays.copyOfRange(sealed, 12, sealed.length))) {
      return SigningNonces.fromSecretBytes(participant, plain);
    } catch (AEADBadTagException e) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING,
          "sealed nonces do not open for this session, participant and PSBT (another key or a moved blob)");
    }
  }

  private static byte[] associatedData(byte[] sessionId, Identifier participant, byte[] psbtHash) {
    byte[] p = participant.encode();
    byte[] ad = new byte[AD_DOMAIN.length + 32 + 32 + 32];
    System.arraycopy(AD_DOMAIN, 0, ad, 0, AD_DOMAIN.length);
    System.arraycopy(sessionId, 0, ad, AD_DOMAIN.length, 32);
    System.arraycopy(p, 0, ad, AD_DOMAIN.length + 32, 32);
    System.arraycopy(psbtHash, 0, ad, AD_DOMAIN.length + 64, 32);
    return ad;
  }

  @Override
  public void close() {
    key.close();
  }
}
