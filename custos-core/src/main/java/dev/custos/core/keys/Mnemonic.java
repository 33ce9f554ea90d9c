package dev.custos.core.keys;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Crypto;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP39 mnemonic sentence over the English wordlist (BIP39 "Generating the mnemonic" and
 * "From mnemonic to seed").
 *
 * <p>The sentence is held as a {@link SecretBytes} in canonical form: lower-case UTF-8 (ASCII)
 * words separated by single spaces. It never becomes a {@link String}, is not printed by
 * {@link #toString()}, and is zeroized by {@link #close()}. Every instance is valid: it was
 * either made from entropy or parsed with its checksum checked.
 *
 * <p>Passphrase limitation: BIP39 asks for NFKD normalization of the passphrase. An ASCII
 * passphrase, or a non-ASCII one already in NFKD, is used as given without becoming a String. A
 * non-ASCII passphrase that is not in NFKD passes through one {@link String} during
 * normalization ({@link Normalizer} has no byte or char-array output), which cannot be zeroized.
 */
public final class Mnemonic implements AutoCloseable {
  private static final int PBKDF2_ITERATIONS = 2048;
  private static final byte[] SALT_PREFIX = "mnemonic".getBytes(StandardCharsets.US_ASCII);

  private final SecretBytes sentence;
  private final int wordCount;

  private Mnemonic(SecretBytes sentence, int wordCount) {
    this.sentence = sentence;
    this.wordCount = wordCount;
  }

  /**
   * A new mnemonic of {@code words} words (12 or 24) from fresh entropy of {@code rng}.
   *
   * @throws IllegalArgumentException if {@code words} is neither 12 nor 24
   */
  public static Mnemonic generate(int words, SecureRandom rng) {
    if (words != 12 && words != 24) {
      throw new IllegalArgumentException("a new mnemonic has 12 or 24 words, not " + words);
    }
    try (SecretBytes entropy = SecretBytes.random(words / 3 * 4, rng)) {
      return fromEntropy(entropy);
    }
  }

  /**
   * The mnemonic encoding {@code entropy} (16, 20, 24, 28 or 32 bytes) with its SHA-256 checksum.
   * The caller keeps ownership of {@code entropy}.
   *
   * @throws IllegalArgumentException if the entropy length is not allowed by BIP39
   */
  public static Mnemonic fromEntropy(SecretBytes entropy) {
    int length = entropy.length();
    if (length < 16 || length > 32 || length % 4 != 0) {
      throw new IllegalArgumentException("BIP39 entropy is 16, 20, 24, 28 or 32 bytes, not " + length);
    }
    return entropy.use(Mnemonic::encode);
  }

  /**
   * Parses a mnemonic typed by a person: words may be separated by any ASCII whitespace and be in
   * any letter case. The caller keeps ownership of {@code utf8Text}.
   *
   * @throws InvalidMnemonicException naming the word count, the 1-based position of an unknown
   *     word, or a checksum mismatch; never a word of the text
   */
  public static Mnemonic parse(SecretBytes utf8Text) throws InvalidMnemonicException {
    byte[] text = utf8Text.copy();
    int[] indexes = null;
    byte[] bits = null;
    try {
      lowerCaseAscii(text);
      int words = countWords(text);
      if (words != 12 && words != 15 && words != 18 && words != 21 && words != 24) {
        throw new InvalidMnemonicException(
            "a BIP39 mnemonic has 12, 15, 18, 21 or 24 words, got " + words);
      }
      indexes = wordIndexes(text, words);
      int entropyBytes = words * 11 * 32 / 33 / 8;
      int checksumBits = words * 11 / 33;
      bits = new byte[entropyBytes + 1];
      for (int i = 0; i < words; i++) {
        writeBits11(bits, i * 11, indexes[i]);
      }
      byte[] entropy = Arrays.copyOf(bits, entropyBytes);
      try {
        byte[] hash = Crypto.sha256(entropy);
        int expected = (hash[0] & 0xFF) >>> (8 - checksumBits);
        int actual = (bits[entropyBytes] & 0xFF) >>> (8 - checksumBits);
        Arrays.fill(hash, (byte) 0);
        if (expected != actual) {
          throw new InvalidMnemonicException(
              "BIP39 checksum does not match: a word is mistyped or out of order");
        }
        return encode(entropy);
      } finally {
        Arrays.fill(entropy, (byte) 0);
      }
    } finally {
      Arrays.fill(text, (byte) 0);
      if (indexes != null) {
        Arrays.fill(indexes, 0);
      }
      if (bits != null) {
        Arrays.fill(bits, (byte) 0);
      }
    }
  }

  /** A copy of the canonical sentence (UTF-8, single spaces); the caller closes it. */
  public SecretBytes sentence() {
    return sentence.slice(0, sentence.length());
  }

  public int wordCount() {
    return wordCount;
  }

  /**
   * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512 over the sentence, salt {@code "mnemonic"} followed
   * by the NFKD-normalized passphrase, 2048 iterations. An empty passphrase is the BIP39 default.
   * The caller keeps ownership of {@code passphraseUtf8} and closes the returned seed.
   *
   * @throws IllegalArgumentException if the passphrase is not valid UTF-8
   */
  public SecretBytes toSeed(SecretBytes passphraseUtf8) {
    byte[] passphrase = passphraseUtf8.use(Mnemonic::nfkd);
    byte[] salt = new byte[SALT_PREFIX.length + passphrase.length];
    byte[] password = sentence.copy();
    try {
      System.arraycopy(SALT_PREFIX, 0, salt, 0, SALT_PREFIX.length);
      System.arraycopy(passphrase, 0, salt, SALT_PREFIX.length, passphrase.length);
      PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
      generator.init(password, salt, PBKDF2_ITERATIONS);
      byte[] key = ((KeyParameter) generator.generateDerivedParameters(512)).getKey();
      SecretBytes seed = SecretBytes.copyOf(key);
      Arrays.fill(key, (byte) 0);
      return seed;
    } finally {
      Arrays.fill(passphrase, (byte) 0);
      Arrays.fill(salt, (byte) 0);
      Arrays.fill(password, (byte) 0);
    }
  }

  /** Zeroizes the sentence. Idempotent. */
  @Override
  public void close() {
    sentence.close();
  }

  @Override
  public String toString() {
    return "Mnemonic[<secret>, " + wordCount + " words]";
  }

  private static Mnemonic encode(byte[] entropy) {
    int words = entropy.length * 3 / 4;
    byte[] bits = Arrays.copyOf(entropy, entropy.length + 1);
    byte[] hash = Crypto.sha256(entropy);
    bits[entropy.length] = hash[0];
    Arrays.fill(hash, (byte) 0);
    int[] indexes = new int[words];
    try {
      int length = words - 1;
      for (int i = 0; i < words; i++) {
        indexes[i] = readBits11(bits, i * 11);
        length += Bip39Wordlist.length(indexes[i]);
      }
      byte[] out = new byte[length];
      int at = 0;
      for (int i = 0; i < words; i++) {
        if (i > 0) {
          out[at++] = ' ';
        }
        at += Bip39Wordlist.copyTo(indexes[i], out, at);
      }
      return new Mnemonic(SecretBytes.takeOwnership(out), words);
    } finally {
      Arrays.fill(bits, (byte) 0);
      Arrays.fill(indexes, 0);
    }
  }

  private static int readBits11(byte[] bits, int offset) {
    int value = 0;
    for (int k = 0; k < 11; k++) {
      int bit = offset + k;
      value = (value << 1) | ((bits[bit >>> 3] >>> (7 - (bit & 7))) & 1);
    }
    return value;
  }

  private static void writeBits11(byte[] bits, int offset, int value) {
    for (int k = 0; k < 11; k++) {
      int bit = offset + k;
      int v = (value >>> (10 - k)) & 1;
      bits[bit >>> 3] |= (byte) (v << (7 - (bit & 7)));
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
  }

  private static void lowerCaseAscii(byte[] text) {
    for (int i = 0; i < text.length; i++) {
      if (text[i] >= 'A' && text[i] <= 'Z') {
        text[i] = (byte) (text[i] + ('a' - 'A'));
      }
    }
  }

  private static int countWords(byte[] text) {
    int words = 0;
    for (int i = 0; i < text.length; i++) {
      if (!isSpace(text[i]) && (i == 0 || isSpace(text[i - 1]))) {
        words++;
      }
    }
    return words;
  }

  private static int[] wordIndexes(byte[] text, int words) throws InvalidMnemonicException {
    int[] indexes = new int[words];
    int word = 0;
    int i = 0;
    while (word < words) {
      while (isSpace(text[i])) {
        i++;
      }
      int start = i;
      while (i < text.length && !isSpace(text[i])) {
        i++;
      }
      int index = Bip39Wordlist.indexOf(text, start, i);
      if (index < 0) {
        Arrays.fill(indexes, 0);
        throw new InvalidMnemonicException(
            "word " + (word + 1) + " of " + words + " is not in the BIP39 English wordlist");
      }
      indexes[word++] = index;
    }
    return indexes;
  }

  /** A zeroizable NFKD copy of a UTF-8 passphrase; see the class comment for the limitation. */
  private static byte[] nfkd(byte[] utf8) {
    boolean ascii = true;
    for (byte b : utf8) {
      ascii &= b >= 0;
    }
    if (ascii) {
      return utf8.clone();
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars;
    try {
      chars = decoder.decode(ByteBuffer.wrap(utf8));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("BIP39 passphrase is not valid UTF-8");
    }
    try {
      if (Normalizer.isNormalized(chars, Normalizer.Form.NFKD)) {
        return utf8.clone();
      }
      ByteBuffer encoded = StandardCharsets.UTF_8.encode(Normalizer.normalize(chars, Normalizer.Form.NFKD));
      byte[] out = new byte[encoded.remaining()];
      encoded.get(out);
      Arrays.fill(encoded.array(), (byte) 0);
      return out;
    } finally {
      Arrays.fill(chars.array(), '\0');
    }
  }
}
