package dev.custos.core.keys;

import fr.acinq.bitcoin.Crypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The BIP39 English wordlist (2048 lower-case ASCII words, sorted), read once from the class path
 * and accepted only if its SHA-256 is the published one. Words are kept as bytes so that mnemonic
 * sentences can be built and parsed without ever becoming a {@link String}.
 */
final class Bip39Wordlist {
  static final int SIZE = 2048;
  private static final String RESOURCE = "bip39-english.txt";
  private static final String SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";
  private static final byte[][] WORDS = load();

  private Bip39Wordlist() {}

  /** Length in bytes of the word at {@code index}. */
  static int length(int index) {
    return WORDS[index].length;
  }

  /** Copies the word at {@code index} into {@code out} at {@code offset}; returns its length. */
  static int copyTo(int index, byte[] out, int offset) {
    byte[] w = WORDS[index];
    System.arraycopy(w, 0, out, offset, w.length);
    return w.length;
  }

  /**
   * Index of the word spelled by {@code text[from, to)} (already lower-case), or -1. Binary search
   * over the sorted list.
   */
  static int indexOf(byte[] text, int from, int to) {
    int lo = 0;
    int hi = SIZE - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(WORDS[mid], 0, WORDS[mid].length, text, from, to);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  private static byte[][] load() {
    byte[] file;
    try (InputStream in = Bip39Wordlist.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("BIP39 wordlist resource " + RESOURCE + " is missing");
      }
      file = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read BIP39 wordlist resource " + RESOURCE, e);
    }
    if (!HexFormat.of().formatHex(Crypto.sha256(file)).equals(SHA256)) {
      throw new IllegalStateException("BIP39 wordlist resource " + RESOURCE + " does not have the published SHA-256");
    }
    String[] lines = new String(file, StandardCharsets.US_ASCII).split("\n");
    byte[][] words = new byte[SIZE][];
    for (int i = 0; i < SIZE; i++) {
      words[i] = lines[i].getBytes(StandardCharsets.US_ASCII);
    }
    return words;
  }
}
