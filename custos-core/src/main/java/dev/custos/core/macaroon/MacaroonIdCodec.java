package dev.custos.core.macaroon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written protobuf (proto3 wire format) for exactly two messages, {@code MacaroonId} and
 * {@code Op} (see {@link MacaroonId}); the trusted core carries no protobuf library. Every field
 * here is length-delimited (wire type 2); a tag is {@code field << 3 | 2}.
 */
final class MacaroonIdCodec {
  static final int MAX_ENCODED_BYTES = 8 * 1024;
  private static final int LENGTH_DELIMITED = 2;

  private MacaroonIdCodec() {}

  static byte[] encode(MacaroonId id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(MacaroonId.VERSION);
    if (id.nonce().length > 0) {
      field(out, 1, id.nonce());
    }
    if (id.storageId().length > 0) {
      field(out, 2, id.storageId());
    }
    List<Permission> ops = id.ops();
    int i = 0;
    while (i < ops.size()) {
      String entity = ops.get(i).entity();
      ByteArrayOutputStream op = new ByteArrayOutputStream();
      field(op, 1, entity.getBytes(StandardCharsets.UTF_8));
      while (i < ops.size() && ops.get(i).entity().equals(entity)) {
        field(op, 2, ops.get(i).action().getBytes(StandardCharsets.UTF_8));
        i++;
      }
      field(out, 3, op.toByteArray());
    }
    return out.toByteArray();
  }

  static MacaroonId decode(byte[] data) throws MacaroonFormatException {
    if (data.length == 0) {
      throw new MacaroonFormatException("identifier is empty");
    }
    if (data.length > MAX_ENCODED_BYTES) {
      throw new MacaroonFormatException("identifier of " + data.length + " bytes is too long");
    }
    if ((data[0] & 0xff) != MacaroonId.VERSION) {
      throw new MacaroonFormatException(String.format("identifier version 0x%02x, expected 0x03", data[0] & 0xff));
    }
    Reader r = new Reader(data, 1, data.length, "identifier");
    byte[] nonce = new byte[0];
    byte[] storageId = new byte[0];
    List<Permission> ops = new ArrayList<>();
    int last = 0;
    int opMessages = 0;
    while (r.more()) {
      int field = r.tag(last, 3);
      byte[] value = r.bytes();
      switch (field) {
        case 1 -> nonce = nonEmpty(value, "identifier nonce");
        case 2 -> storageId = nonEmpty(value, "identifier storageId");
        default -> {
          int before = ops.size();
          decodeOp(value, opMessages++, ops);
          if (before > 0 && ops.get(before - 1).entity().equals(ops.get(before).entity())) {
            throw new MacaroonFormatException("identifier repeats entity '" + ops.get(before).entity()
                + "' in a second op (LND groups an entity's actions in one op)");
          }
        }
      }
      last = field;
    }
    for (int i = 1; i < ops.size(); i++) {
      if (ops.get(i - 1).compareTo(ops.get(i)) >= 0) {
        throw new MacaroonFormatException("identifier ops are not in canonical order at " + ops.get(i)
            + " (sorted by entity, then action, without duplicates)");
      }
    }
    return new MacaroonId(nonce, storageId, ops);
  }

  private static void decodeOp(byte[] data, int index, List<Permission> ops) throws MacaroonFormatException {
    String where = "identifier op " + index;
    Reader r = new Reader(data, 0, data.length, where);
    String entity = null;
    int actions = 0;
    int last = 0;
    while (r.more()) {
      int field = r.tag(last, 2);
      byte[] value = r.bytes();
      if (field == 1) {
        entity = StrictUtf8.decode(nonEmpty(value, where + " entity"), where + " entity");
      } else {
        if (entity == null) {
          throw new MacaroonFormatException(where + " has an action before its entity");
        }
        ops.add(new Permission(entity, StrictUtf8.decode(nonEmpty(value, where + " action"), where + " action")));
        actions++;
      }
      last = field;
    }
    if (entity == null || actions == 0) {
      throw new MacaroonFormatException(where + " needs an entity and at least one action");
    }
  }

  private static byte[] nonEmpty(byte[] value, String what) throws MacaroonFormatException {
    if (value.length == 0) {
      throw new MacaroonFormatException(what + " is present but empty (proto3 omits empty fields)");
    }
    return value;
  }

  private static void field(ByteArrayOutputStream out, int field, byte[] value) {
    Uvarint.write(out, (field << 3) | LENGTH_DELIMITED);
    Uvarint.write(out, value.length);
    out.writeBytes(value);
  }

  private static final class Reader {
    private final byte[] data;
    private final int end;
    private final String where;
    private int pos;

    Reader(byte[] data, int start, int end, String where) {
      this.data = data;
      this.pos = start;
      this.end = end;
      this.where = where;
    }

    boolean more() {
      return pos < end;
    }

    /** Reads a tag; fields must not go backwards, and only the last field may repeat. */
    int tag(int last, int maxField) throws MacaroonFormatException {
      long[] v = Uvarint.read(data, pos, where + " tag");
      pos = (int) v[1];
      int tag = (int) v[0];
      int field = tag >>> 3;
      if ((tag & 7) != LENGTH_DELIMITED || field < 1 || field > maxField) {
        throw new MacaroonFormatException(where + " has unexpected field " + field + " of wire type " + (tag & 7));
      }
      if (field < last || (field == last && field != maxField)) {
        throw new MacaroonFormatException(where + " has field " + field + " out of order or repeated");
      }
      return field;
    }

    byte[] bytes() throws MacaroonFormatException {
      long[] v = Uvarint.read(data, pos, where + " length");
      pos = (int) v[1];
      int length = (int) v[0];
      if (length > end - pos) {
        throw new MacaroonFormatException(where + " field length " + length + " extends past the end");
      }
      byte[] value = Arrays.copyOfRange(data, pos, pos + length);
      pos += length;
      return value;
    }
  }
}
