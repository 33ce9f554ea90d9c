package dev.custos.core.keys;

/**
 * A text is not a valid BIP39 English mnemonic. The message names what is wrong and where (word
 * count, word position, checksum) and never contains any word of the text.
 */
public final class InvalidMnemonicException extends Exception {
  InvalidMnemonicException(String message) {
    super(message);
  }
}
