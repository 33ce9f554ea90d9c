package dev.custos.core.frost;

import dev.custos.core.secret.AesGcm;
import dev.custos.core.secret.SecretBytes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * A DKG round-two share {@code f_sender(recipient)} encrypted from one participant to another,
 * so that a coordinator relaying it learns nothing and cannot alter or redirect it.
 *
 * <p>Key: {@code TaggedHash("custos/frost-dkg/share-key/v1", ecdh || transcriptHash || sender ||
 * recipient)} where {@code ecdh} is libsecp256k1's ECDH of the two {@link IdentityKey}s. Cipher:
 * AES-256-GCM (JDK) with a random 12-byte nonce and associated data {@code transcriptHash ||
 * sender || recipient}. The sender's transcript hash travels in clear so that a recipient whose
 * transcript differs learns it was equivocated against rather than only that decryption failed.
 *
 * <p>Encoding (156 bytes): {@code sender (32) || recipient (32) || transcriptHash (32) || nonce
 * (12) || ciphertext (32) || tag (16)}.
 */
public final class EncryptedShare {
  public static final int ENCODED_LENGTH = 32 + 32 + 32 + 12 + 32 + AesGcm.TAG_BYTES;
  private static final String KEY_TAG = "custos/frost-dkg/share-key/v1";
  private static final int NONCE_BYTES = 12;

  private final Identifier sender;
  private final Identifier recipient;
  private final byte[] transcriptHash;
  private final byte[] nonce;
  private final byte[] ciphertext;

  private EncryptedShare(Identifier sender, Identifier recipient, byte[] transcriptHash, byte[] nonce, byte[] ciphertext) {
    this.sender = sender;
    this.recipient = recipient;
    this.transcriptHash = transcriptHash;
    this.nonce = nonce;
    this.ciphertext = ciphertext;
  }

  /** Encrypts {@code share} from {@code sender} (holding {@code senderKey}) to {@code recipient}. */
  static EncryptedShare seal(IdentityKey senderKey, Identifier sender, Identifier recipient, IdentityPublicKey recipientKey,
      byte[] transcriptHash, SigningShare share, SecureRandom random) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try (SecretBytes key = shareKey(senderKey, recipientKey, transcriptHash, sender, recipient);
        SecretBytes plaintext = share.toSecretBytes()) {
      byte[] ct = AesGcm.encrypt(key, nonce, associatedData(transcriptHash, sender, recipient), plaintext);
      return new EncryptedShare(sender, recipient, transcriptHash.clone(), nonce, ct);
    }
  }

  /**
   * Decrypts the share as {@code recipient} (holding {@code recipientKey}) under our own
   * {@code transcriptHash}; the caller owns and closes the returned share.
   *
   * @throws FrostException {@code INVALID_ENCRYPTED_SHARE} when the envelope is addressed to
   *     someone else or does not decrypt (tampered, or not from {@code senderKey});
   *     {@code TRANSCRIPT_MISMATCH} when the sender saw other round-one packages; the sender is
   *     the culprit
   */
  SigningShare open(IdentityKey recipientKey, Identifier me, IdentityPublicKey senderKey, byte[] ourTranscriptHash)
      throws FrostException {
    if (!recipient.equals(me)) {
      throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE,
          "share from " + sender + " is addressed to " + recipient + ", not to " + me, sender);
    }
    if (!MessageDigest.isEqual(transcriptHash, ourTranscriptHash)) {
      throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH,
          "share from " + sender + " was made for other round-one packages than ours (equivocation)", sender);
    }
    try (SecretBytes key = shareKey(recipientKey, senderKey, ourTranscriptHash, sender, recipient)) {
      SecretBytes plaintext = AesGcm.decrypt(key, nonce, associatedData(ourTranscriptHash, sender, recipient), ciphertext);
      return SigningShare.of(plaintext);
    } catch (AEADBadTagException e) {
      throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE,
          "share from " + sender + " to " + me + " does not decrypt: tampered or not made with " + sender + "'s identity key", sender);
    }
  }

  private static SecretBytes shareKey(IdentityKey own, IdentityPublicKey peer, byte[] transcriptHash, Identifier sender,
      Identifier recipient) {
    try (SecretBytes ecdh = own.sharedSecret(peer)) {
      return SecretBytes.takeOwnership(
          ecdh.use(e -> TaggedHash.of(KEY_TAG, e, transcriptHash, sender.encode(), recipient.encode())));
    }
  }

  private static byte[] associatedData(byte[] transcriptHash, Identifier sender, Identifier recipient) {
    byte[] ad = new byte[96];
    System.arraycopy(transcriptHash, 0, ad, 0, 32);
    System.arraycopy(sender.encode(), 0, ad, 32, 32);
    System.arraycopy(recipient.encode(), 0, ad, 64, 32);
    return ad;
  }

  public Identifier sender() {
    return sender;
  }

  public Identifier recipient() {
    return recipient;
  }

  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    System.arraycopy(sender.encode(), 0, out, 0, 32);
    System.arraycopy(recipient.encode(), 0, out, 32, 32);
    System.arraycopy(transcriptHash, 0, out, 64, 32);
    System.arraycopy(nonce, 0, out, 96, NONCE_BYTES);
    System.arraycopy(ciphertext, 0, out, 96 + NONCE_BYTES, ciphertext.length);
    return out;
  }

  /** Strict: exactly {@link #ENCODED_LENGTH} bytes with canonical, distinct identifiers. */
  public static EncryptedShare decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != ENCODED_LENGTH) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "encrypted share must be " + ENCODED_LENGTH + " bytes");
    }
    Identifier sender = Identifier.decode(Arrays.copyOfRange(bytes, 0, 32));
    Identifier recipient = Identifier.decode(Arrays.copyOfRange(bytes, 32, 64));
    if (sender.equals(recipient)) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "encrypted share from " + sender + " to itself");
    }
    return new EncryptedShare(sender, recipient, Arrays.copyOfRange(bytes, 64, 96), Arrays.copyOfRange(bytes, 96, 96 + NONCE_BYTES),
        Arrays.copyOfRange(bytes, 96 + NONCE_BYTES, ENCODED_LENGTH));
  }

  @Override
  public String toString() {
    return "EncryptedShare[" + sender + " -> " + recipient + "]";
  }
}
