package dev.custos.core.frost;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A participant's signature on the DKG transcript hash with its {@link IdentityKey}: "I saw these
 * round-one packages, received valid shares from everyone and hold my share" (the certificate of
 * ChillDKG's CertEq). A group key is usable only once all {@code n} certificates verify, so no
 * participant can end up with a key that another participant did not get or did not confirm.
 *
 * <p>Message: {@code TaggedHash("custos/frost-dkg/certificate/v1", transcriptHash)}, signed with
 * BIP340 by libsecp256k1. Encoding (96 bytes): {@code signer identifier (32) || signature (64)}.
 */
public final class DkgCertificate {
  public static final int ENCODED_LENGTH = 96;
  private static final String TAG = "custos/frost-dkg/certificate/v1";
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final Identifier signer;
  private final byte[] signature;

  private DkgCertificate(Identifier signer, byte[] signature) {
    this.signer = signer;
    this.signature = signature;
  }

  static DkgCertificate sign(IdentityKey key, Identifier signer, byte[] transcriptHash, SecureRandom random) {
    return new DkgCertificate(signer, key.signBip340(message(transcriptHash), random));
  }

  /**
   * @throws FrostException {@code INVALID_CERTIFICATE} (culprit: the signer) unless the signature
   *     verifies for {@code signerKey} over {@code transcriptHash}
   */
  public void verify(IdentityPublicKey signerKey, byte[] transcriptHash) throws FrostException {
    if (!SECP.verifySchnorr(signature, message(transcriptHash), signerKey.encode())) {
      throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE,
          "certificate of " + signer + " does not verify for its identity key over our transcript", signer);
    }
  }

  private static byte[] message(byte[] transcriptHash) {
    return TaggedHash.of(TAG, transcriptHash);
  }

  public Identifier signer() {
    return signer;
  }

  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    System.arraycopy(signer.encode(), 0, out, 0, 32);
    System.arraycopy(signature, 0, out, 32, 64);
    return out;
  }

  /** Strict: exactly 96 bytes with a canonical identifier; the signature is checked by verify. */
  public static DkgCertificate decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != ENCODED_LENGTH) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "DKG certificate must be " + ENCODED_LENGTH + " bytes");
    }
    return new DkgCertificate(Identifier.decode(Arrays.copyOfRange(bytes, 0, 32)), Arrays.copyOfRange(bytes, 32, 96));
  }

  @Override
  public String toString() {
    return "DkgCertificate[" + signer + "]";
  }
}
