package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.UNSUPPORTED;

import java.nio.charset.StandardCharsets;

/**
 * Verifies that {@code signature} in {@code format} proves {@code key} signed exactly
 * {@code message} (its UTF-8 bytes). Returns normally only for a valid signature; each format
 * refuses the keys it cannot prove (see {@link ApproverKey}).
 */
public final class MessageVerifier {
  private MessageVerifier() {}

  public static void verify(ApproverKey key, SignatureFormat format, String signature, String message) throws SignatureRejectedException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    switch (format) {
      case BIP137 -> Bip137.verify(bytes, signature, key);
      case BIP340 -> Bip340Message.verify(bytes, signature, key);
      case BIP322 -> {
        if (!(key instanceof ApproverKey.AddressKey a)) {
          throw new SignatureRejectedException(UNSUPPORTED, "BIP-322 proves an address; " + key.id() + " is a public key: use BIP-137 or BIP340");
        }
        Bip322.verify(bytes, signature, a.address());
      }
    }
  }
}
