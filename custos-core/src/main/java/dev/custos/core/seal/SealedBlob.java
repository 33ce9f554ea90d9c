package dev.custos.core.seal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A sealed secret in the frozen Custos sealed-blob format, version 1 (see {@code
 * docs/sealing.md}). Immutable; holds only ciphertext and public parameters, never secrets.
 *
 * <p>Layout (integers unsigned big-endian; offsets for the passphrase kind):
 *
 * <pre>
 *  offset size field
 *  ------ ---- ---------------------------------------------------------------
 *   0     10   magic "CUSTOSSEAL" (ASCII)
 *  10      1   format version = 0x01
 *  11      1   sealer kind id: 0x01 = passphrase
 *              kind-specific header, passphrase:
 *  12      1     Argon2 version = 0x13 (Argon2id, RFC 9106)
 *  13      4     memory in KiB      (8 * parallelism .. 4 GiB)
 *  17      4     iterations         (1 .. 100)
 *  21      4     parallelism        (1 .. 64)
 *  25     16     salt
 *              data-key wrap:
 *  41     12     nonce
 *  53     48     AES-256-GCM(KEK, data key [32 bytes]) || tag [16 bytes]
 *              payload:
 * 101     12     nonce
 * 113      4     L = ciphertext length (16 .. 16 + 1 MiB)
 * 117      L     AES-256-GCM(data key, plaintext) || tag [16 bytes]
 * </pre>
 *
 * <p>The header is bytes {@code [0, 41)} for the passphrase kind. The associated data of both AEADs
 * is {@code header || context}, where {@code context} is the caller's associated data (not stored);
 * hence changing any header byte, any parameter or the context makes unsealing fail.
 *
 * <p>{@link #decode} is strict: it checks the magic, version, kind, every bound above, and refuses
 * truncation and trailing bytes, each with a one-line {@link SealFormatException}.
 */
public final class SealedBlob {
  /** The only format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The largest plaintext a blob may carry (1 MiB): sealed secrets are keys, not files. */
  public static final int MAX_PLAINTEXT_BYTES = 1 << 20;

  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int DATA_KEY_BYTES = 32;
  static final int WRAPPED_KEY_BYTES = DATA_KEY_BYTES + TAG_BYTES;

  private static final byte[] MAGIC = "CUSTOSSEAL".getBytes(StandardCharsets.US_ASCII);

  private final KindHeader header;
  private final byte[] wrapNonce;
  private final byte[] wrappedDataKey;
  private final byte[] payloadNonce;
  private final byte[] payloadCiphertext;

  SealedBlob(
      KindHeader header,
      byte[] wrapNonce,
      byte[] wrappedDataKey,
      byte[] payloadNonce,
      byte[] payloadCiphertext) {
    requireLength("wrap nonce", wrapNonce, NONCE_BYTES);
    requireLength("wrapped data key", wrappedDataKey, WRAPPED_KEY_BYTES);
    requireLength("payload nonce", payloadNonce, NONCE_BYTES);
    if (payloadCiphertext.length < TAG_BYTES
        || payloadCiphertext.length > MAX_PLAINTEXT_BYTES + TAG_BYTES) {
      throw new IllegalArgumentException(
          "payload ciphertext length " + payloadCiphertext.length + " out of bounds");
    }
    this.header = header;
    this.wrapNonce = wrapNonce.clone();
    this.wrappedDataKey = wrappedDataKey.clone();
    this.payloadNonce = payloadNonce.clone();
    this.payloadCiphertext = payloadCiphertext.clone();
  }

  /**
   * Parses an encoded blob.
   *
   * @throws SealFormatException if {@code encoded} is not exactly one well-formed version-1 blob
   */
  public static SealedBlob decode(byte[] encoded) throws SealFormatException {
    if (encoded == null) {
      throw new SealFormatException("no bytes");
    }
    BlobReader in = new BlobReader(encoded);
    if (!Arrays.equals(in.take(MAGIC.length, "magic"), MAGIC)) {
      throw new SealFormatException("bad magic: not a Custos sealed file");
    }
    int version = in.u8("format version");
    if (version != FORMAT_VERSION) {
      throw new SealFormatException(
          "unsupported format version " + version + " (this build reads version " + FORMAT_VERSION + ")");
    }
    KindHeader header =
        switch (SealerKind.fromId(in.u8("sealer kind"))) {
          case PASSPHRASE -> PassphraseHeader.read(in);
        };
    byte[] wrapNonce = in.take(NONCE_BYTES, "wrap nonce");
    byte[] wrappedDataKey = in.take(WRAPPED_KEY_BYTES, "wrapped data key");
    byte[] payloadNonce = in.take(NONCE_BYTES, "payload nonce");
    long payloadLength = in.u32("payload length");
    if (payloadLength < TAG_BYTES || payloadLength > MAX_PLAINTEXT_BYTES + TAG_BYTES) {
      throw new SealFormatException(
          "payload length " + payloadLength + " out of bounds [" + TAG_BYTES + ", "
              + (MAX_PLAINTEXT_BYTES + TAG_BYTES) + "]");
    }
    byte[] payloadCiphertext = in.take((int) payloadLength, "payload ciphertext");
    in.expectEnd();
    return new SealedBlob(header, wrapNonce, wrappedDataKey, payloadNonce, payloadCiphertext);
  }

  /** The frozen binary encoding; {@code decode(encode())} equals this blob. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(headerBytes(header));
    out.writeBytes(wrapNonce);
    out.writeBytes(wrappedDataKey);
    out.writeBytes(payloadNonce);
    writeU32(out, payloadCiphertext.length);
    out.writeBytes(payloadCiphertext);
    return out.toByteArray();
  }

  /** The kind of sealer that can open this blob, as in {@link Sealer#kind()}. */
  public String kind() {
    return header.kind().label();
  }

  KindHeader header() {
    return header;
  }

  /** {@code header || context}: the associated data of both AEADs of this blob. */
  byte[] associatedData(byte[] context) {
    return associatedData(header, context);
  }

  /** {@code header || context} for a blob with {@code header}, before its ciphertexts exist. */
  static byte[] associatedData(KindHeader header, byte[] context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(headerBytes(header));
    out.writeBytes(context);
    return out.toByteArray();
  }

  byte[] wrapNonce() {
    return wrapNonce.clone();
  }

  byte[] wrappedDataKey() {
    return wrappedDataKey.clone();
  }

  byte[] payloadNonce() {
    return payloadNonce.clone();
  }

  byte[] payloadCiphertext() {
    return payloadCiphertext.clone();
  }

  /** Bytes {@code [0, header end)}: magic, version, kind id and the kind-specific header. */
  private static byte[] headerBytes(KindHeader header) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(FORMAT_VERSION);
    out.write(header.kind().id());
    header.writeTo(out);
    return out.toByteArray();
  }

  static void writeU32(ByteArrayOutputStream out, long value) {
    out.write((int) (value >>> 24));
    out.write((int) (value >>> 16));
    out.write((int) (value >>> 8));
    out.write((int) value);
  }

  private static void requireLength(String field, byte[] bytes, int length) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(field + " must be " + length + " bytes, got " + bytes.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedBlob other && Arrays.equals(encode(), other.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "SealedBlob[kind=" + kind() + ", payload=" + (payloadCiphertext.length - TAG_BYTES) + " bytes]";
  }
}
