package dev.custos.core.keys;

/**
 * A text is not a valid serialized BIP32 extended public key for the use asked. The message says
 * why (checksum, length, version, depth, key) and never echoes the text, which could be an
 * extended private key pasted by mistake.
 */
public final class InvalidExtendedKeyException extends Exception {
  InvalidExtendedKeyException(String message) {
    super(message);
  }
}
