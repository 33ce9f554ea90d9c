package dev.custos.service.cosigner;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.KeyPackage;
import dev.custos.core.frost.SigningShare;
import dev.custos.core.seal.SealFormatException;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.Sealer;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Crypto;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A cosigner's FROST share at rest ({@code frost-share.sealed}), sealed like the seed
 * (docs/sealing.md) with the context {@code "custos/frost-share/v1" ‖ ceremonyId}. The payload is
 * {@code identifier (32) ‖ internal signing share (32) ‖ SHA-256 of the group file (32)}: the
 * share opens only together with the exact group file it was certified with, so an edited group
 * file (another verifying share, another threshold, another pin) is refused at start.
 */
public final class SealedShare {
  private static final byte[] CONTEXT = "custos/frost-share/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int PAYLOAD = 96;

  private SealedShare() {}

  /** Seals {@code key}'s internal share bound to {@code groupFileBytes}; the caller still owns {@code key}. */
  public static byte[] seal(CertifiedKey key, GroupFile group, byte[] groupFileBytes, Sealer sealer) {
    byte[] payload = new byte[PAYLOAD];
    System.arraycopy(key.keyPackage().identifier().encode(), 0, payload, 0, 32);
    try (SecretBytes share = key.keyPackage().signingShare().toSecretBytes()) {
      share.use(s -> {
        System.arraycopy(s, 0, payload, 32, 32);
        return null;
      });
    }
    System.arraycopy(Crypto.sha256(groupFileBytes), 0, payload, 64, 32);
    try (SecretBytes plain = SecretBytes.takeOwnership(payload)) {
      return sealer.seal(plain, context(group)).encode();
    }
  }

  /**
   * Opens the share and rebuilds the certified internal key from the verified group file.
   *
   * @throws UnsealException wrong passphrase or a corrupted file
   * @throws GroupFileException the group file is not the one the share was sealed with, or the
   *     share is not the group's verifying share for its identifier
   */
  public static CertifiedKey open(byte[] sealed, Sealer sealer, GroupFile group, byte[] groupFileBytes)
      throws UnsealException, GroupFileException {
    SealedBlob blob;
    try {
      blob = SealedBlob.decode(sealed);
    } catch (SealFormatException e) {
      throw new UnsealException("frost-share.sealed: " + e.getMessage());
    }
    try (SecretBytes payload = sealer.unseal(blob, context(group))) {
      if (payload.length() != PAYLOAD) {
        throw new UnsealException("frost-share.sealed: payload must be " + PAYLOAD + " bytes");
      }
      byte[] groupHash = payload.use(p -> Arrays.copyOfRange(p, 64, 96));
      if (!MessageDigest.isEqual(groupHash, Crypto.sha256(groupFileBytes))) {
        throw new GroupFileException("the group file is not the one this share was sealed with (modified since the DKG?)");
      }
      Identifier id = Identifier.decode(payload.use(p -> Arrays.copyOfRange(p, 0, 32)));
      KeyPackage kp = KeyPackage.of(id, SigningShare.of(payload.slice(32, 64)), group.internalKeys().groupKey(), group.plan().threshold());
      if (!kp.verifyingShare().equals(group.internalKeys().verifyingShare(id))) {
        kp.close();
        throw new GroupFileException("the sealed share is not member " + id + "'s verifying share in the group file");
      }
      return new CertifiedKey(kp, group.internalKeys(), group.transcriptHash());
    } catch (FrostException e) {
      throw new GroupFileException("the sealed share does not fit the group file: " + e.getMessage());
    }
  }

  private static byte[] context(GroupFile group) {
    byte[] c = Arrays.copyOf(CONTEXT, CONTEXT.length + 32);
    System.arraycopy(group.plan().ceremonyId(), 0, c, CONTEXT.length, 32);
    return c;
  }
}
