package dev.custos.service.cosigner;

import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.seal.SealFormatException;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.Sealer;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;

/**
 * A cosigner's identity key at rest ({@code identity.sealed}), sealed like the seed
 * (docs/sealing.md) with the context {@code "custos/frost-identity/v1"}; the payload is the
 * 32-byte even-y secret key.
 */
public final class SealedIdentity {
  private static final byte[] CONTEXT = "custos/frost-identity/v1".getBytes(StandardCharsets.US_ASCII);

  private SealedIdentity() {}

  public static byte[] seal(IdentityKey key, Sealer sealer) {
    try (SecretBytes secret = key.toSecretBytes()) {
      return sealer.seal(secret, CONTEXT).encode();
    }
  }

  /** @throws UnsealException wrong passphrase, or a corrupted or malformed file */
  public static IdentityKey open(byte[] sealed, Sealer sealer) throws UnsealException {
    SealedBlob blob;
    try {
      blob = SealedBlob.decode(sealed);
    } catch (SealFormatException e) {
      throw new UnsealException("identity.sealed: " + e.getMessage());
    }
    try {
      return IdentityKey.of(sealer.unseal(blob, CONTEXT));
    } catch (FrostException e) {
      throw new UnsealException("identity.sealed: " + e.getMessage());
    }
  }
}
