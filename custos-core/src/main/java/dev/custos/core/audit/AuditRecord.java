package dev.custos.core.audit;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of the tamper-evident audit log: a hash chain where each record commits to the one
 * before it. {@code hash = SHA256(canonicalBytes)} and {@code canonicalBytes} include
 * {@code prevHash}, so changing, removing or reordering any record breaks every hash after it.
 *
 * <p>Canonical encoding (version 1, all integers big-endian):
 * <pre>
 *   "CUSTOSAUDIT" | u8 version=1 | u64 seq | i64 epochSecond | u32 nano | prevHash[32]
 *   | str type | u32 fieldCount | (str key | str value)*   -- keys in ascending order
 *   str = u32 byteLength | UTF-8 bytes
 * </pre>
 * Field values are plain text and must never contain secrets (callers put identifiers, amounts,
 * tags and reasons in them).
 */
public record AuditRecord(long seq, Instant time, String type, SortedMap<String, String> fields, ByteVector32 prevHash, ByteVector32 hash) {
  public static final ByteVector32 GENESIS_PREV = ByteVector32.Zeroes;
  static final byte[] MAGIC = "CUSTOSAUDIT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  /** Bounds that keep a hostile stored record from exhausting memory when decoded. */
  static final int MAX_FIELDS = 1024;
  static final int MAX_STRING_BYTES = 64 * 1024;

  public AuditRecord {
    if (seq < 0 || time == null || type == null || type.isEmpty() || fields == null || prevHash == null || hash == null) {
      throw new IllegalArgumentException("audit record is incomplete");
    }
    requireNoNulls(fields);
    fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /** The record that follows {@code prev} (or the first one when {@code prev} is null). */
  public static AuditRecord next(AuditRecord prev, Instant time, String type, Map<String, String> fields) {
    requireNoNulls(fields);
    long seq = prev == null ? 0 : prev.seq + 1;
    ByteVector32 prevHash = prev == null ? GENESIS_PREV : prev.hash;
    TreeMap<String, String> sorted = new TreeMap<>(fields);
    byte[] canonical = encode(seq, time, type, sorted, prevHash);
    return new AuditRecord(seq, time, type, sorted, prevHash, new ByteVector32(Crypto.sha256(canonical)));
  }

  /** The bytes the hash commits to. */
  public byte[] canonicalBytes() {
    return encode(seq, time, type, fields, prevHash);
  }

  /** True when {@link #hash} is the SHA-256 of {@link #canonicalBytes()}. */
  public boolean hashMatches() {
    return new ByteVector32(Crypto.sha256(canonicalBytes())).equals(hash);
  }

  /**
   * Decodes canonical bytes (as stored) and recomputes the hash.
   *
   * @throws AuditFormatException on any malformed, truncated or trailing input
   */
  public static AuditRecord decode(byte[] canonical) throws AuditFormatException {
    try {
      ByteBuffer b = ByteBuffer.wrap(canonical);
      byte[] magic = new byte[MAGIC.length];
      b.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new AuditFormatException("not an audit record (bad magic)");
      }
      int version = b.get() & 0xff;
      if (version != VERSION) {
        throw new AuditFormatException("unsupported audit record version " + version);
      }
      long seq = b.getLong();
      long epochSecond = b.getLong();
      int nano = b.getInt();
      if (seq < 0 || nano < 0 || nano > 999_999_999) {
        throw new AuditFormatException("audit record has an invalid sequence number or time");
      }
      byte[] prev = new byte[32];
      b.get(prev);
      String type = string(b);
      int count = b.getInt();
      if (count < 0 || count > MAX_FIELDS) {
        throw new AuditFormatException("audit record declares " + Integer.toUnsignedString(count) + " fields");
      }
      TreeMap<String, String> fields = new TreeMap<>();
      String last = null;
      for (int i = 0; i < count; i++) {
        String k = string(b);
        String v = string(b);
        if (last != null && k.compareTo(last) <= 0) {
          throw new AuditFormatException("audit record fields are not in strictly ascending key order");
        }
        last = k;
        fields.put(k, v);
      }
      if (b.hasRemaining()) {
        throw new AuditFormatException("audit record has " + b.remaining() + " trailing bytes");
      }
      if (type.isEmpty()) {
        throw new AuditFormatException("audit record has an empty type");
      }
      Instant time = Instant.ofEpochSecond(epochSecond, nano);
      return new AuditRecord(seq, time, type, fields, new ByteVector32(prev), new ByteVector32(Crypto.sha256(canonical)));
    } catch (java.nio.BufferUnderflowException e) {
      throw new AuditFormatException("audit record is truncated");
    } catch (java.time.DateTimeException e) {
      throw new AuditFormatException("audit record time is out of range");
    }
  }

  private static void requireNoNulls(Map<String, String> fields) {
    if (fields == null || fields.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
      throw new IllegalArgumentException("audit record fields are missing or hold a null name or value");
    }
  }

  private static String string(ByteBuffer b) throws AuditFormatException {
    int len = b.getInt();
    if (len < 0 || len > MAX_STRING_BYTES || len > b.remaining()) {
      throw new AuditFormatException("audit record string length " + Integer.toUnsignedString(len) + " is out of bounds");
    }
    byte[] s = new byte[len];
    b.get(s);
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return decoder.decode(ByteBuffer.wrap(s)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new AuditFormatException("audit record string is not valid UTF-8");
    }
  }

  private static byte[] encode(long seq, Instant time, String type, SortedMap<String, String> fields, ByteVector32 prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.writeBytes(ByteBuffer.allocate(20).putLong(seq).putLong(time.getEpochSecond()).putInt(time.getNano()).array());
    out.writeBytes(prevHash.toByteArray());
    writeString(out, type);
    out.writeBytes(ByteBuffer.allocate(4).putInt(fields.size()).array());
    for (Map.Entry<String, String> e : fields.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_STRING_BYTES) {
      throw new IllegalArgumentException("audit field longer than " + MAX_STRING_BYTES + " bytes");
    }
    out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    out.writeBytes(b);
  }
}
