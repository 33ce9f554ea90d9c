package dev.custos.core.macaroon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The libmacaroons v2 binary format (doc/format.txt), byte-for-byte as go-macaroon writes it:
 *
 * <pre>
 * 0x02
 * [location] identifier EOS
 * ( [location] identifier [verificationId] EOS )*
 * EOS
 * signature
 * </pre>
 *
 * where a field is {@code type(uvarint) length(uvarint) data} and EOS is one zero byte; types are
 * location 1, identifier 2, verification id 4, signature 6, strictly increasing within a section.
 *
 * <p>Decoding accepts exactly what the encoder writes, so a decoded macaroon re-encodes to the
 * same bytes: minimal varints only, no empty location or verification-id field, no location on a
 * first-party caveat, UTF-8 locations, a 32-byte signature, nothing after it, and at most
 * {@link Macaroon#MAX_ENCODED_BYTES} bytes and {@link Macaroon#MAX_CAVEATS} caveats.
 */
final class MacaroonV2Codec {
  static final int VERSION = 2;
  private static final int EOS = 0;
  private static final int LOCATION = 1;
  private static final int IDENTIFIER = 2;
  private static final int VERIFICATION_ID = 4;
  private static final int SIGNATURE = 6;

  private MacaroonV2Codec() {}

  static byte[] encode(Macaroon m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(VERSION);
    if (!m.location().isEmpty()) {
      field(out, LOCATION, m.location().getBytes(StandardCharsets.UTF_8));
    }
    field(out, IDENTIFIER, m.identifier());
    out.write(EOS);
    for (Caveat c : m.caveats()) {
      switch (c) {
        case FirstPartyCaveat f -> field(out, IDENTIFIER, f.identifier());
        case ThirdPartyCaveat t -> {
          if (!t.location().isEmpty()) {
            field(out, LOCATION, t.location().getBytes(StandardCharsets.UTF_8));
          }
          field(out, IDENTIFIER, t.identifier());
          field(out, VERIFICATION_ID, t.verificationId());
        }
      }
      out.write(EOS);
    }
    out.write(EOS);
    field(out, SIGNATURE, m.signature());
    return out.toByteArray();
  }

  static Macaroon decode(byte[] data) throws MacaroonFormatException {
    if (data.length == 0) {
      throw new MacaroonFormatException("empty input");
    }
    if (data.length > Macaroon.MAX_ENCODED_BYTES) {
      throw new MacaroonFormatException(
          "v2 macaroon of " + data.length + " bytes exceeds the maximum of " + Macaroon.MAX_ENCODED_BYTES);
    }
    if (data[0] != VERSION) {
      throw new MacaroonFormatException(String.format("version byte 0x%02x, expected 0x02", data[0] & 0xff));
    }
    Reader r = new Reader(data);
    r.pos = 1;
    List<Field> header = r.section("header");
    int i = 0;
    String location = "";
    if (i < header.size() && header.get(i).type == LOCATION) {
      location = StrictUtf8.decode(header.get(i++).data, "macaroon location");
    }
    if (i >= header.size() || header.get(i).type != IDENTIFIER) {
      throw new MacaroonFormatException("header has no identifier field");
    }
    byte[] identifier = header.get(i++).data;
    if (i != header.size()) {
      throw new MacaroonFormatException("header has a field of type " + header.get(i).type + " after the identifier");
    }
    List<Caveat> caveats = new ArrayList<>();
    while (true) {
      int n = caveats.size();
      List<Field> section = r.section("caveat " + n);
      if (section.isEmpty()) {
        break;
      }
      if (n == Macaroon.MAX_CAVEATS) {
        throw new MacaroonFormatException("more than " + Macaroon.MAX_CAVEATS + " caveats");
      }
      caveats.add(caveat(section, n));
    }
    int sigType = r.varint("signature field type");
    if (sigType != SIGNATURE) {
      throw new MacaroonFormatException("expected the signature field (type 6), found type " + sigType);
    }
    byte[] signature = r.bytes("signature");
    if (signature.length != Macaroon.SIGNATURE_BYTES) {
      throw new MacaroonFormatException("signature has " + signature.length + " bytes, expected 32");
    }
    if (r.pos != data.length) {
      throw new MacaroonFormatException((data.length - r.pos) + " trailing bytes after the signature");
    }
    return new Macaroon(location, identifier, caveats, signature);
  }

  private static Caveat caveat(List<Field> section, int n) throws MacaroonFormatException {
    int i = 0;
    String location = null;
    if (section.get(i).type == LOCATION) {
      location = StrictUtf8.decode(section.get(i++).data, "caveat " + n + " location");
    }
    if (i >= section.size() || section.get(i).type != IDENTIFIER) {
      throw new MacaroonFormatException("caveat " + n + " has no identifier field");
    }
    byte[] id = section.get(i++).data;
    if (i == section.size()) {
      if (location != null) {
        throw new MacaroonFormatException("caveat " + n + " is first-party but has a location");
      }
      return new FirstPartyCaveat(id);
    }
    Field vid = section.get(i++);
    if (vid.type != VERIFICATION_ID || i != section.size()) {
      throw new MacaroonFormatException("caveat " + n + " has an unexpected field of type " + vid.type);
    }
    return new ThirdPartyCaveat(id, vid.data, location == null ? "" : location);
  }

  private static void field(ByteArrayOutputStream out, int type, byte[] data) {
    Uvarint.write(out, type);
    Uvarint.write(out, data.length);
    out.writeBytes(data);
  }

  private record Field(int type, byte[] data) {}

  private static final class Reader {
    final byte[] data;
    int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    List<Field> section(String where) throws MacaroonFormatException {
      List<Field> fields = new ArrayList<>();
      int previous = EOS;
      while (true) {
        int type = varint(where + " field type");
        if (type == EOS) {
          return fields;
        }
        if (type != LOCATION && type != IDENTIFIER && type != VERIFICATION_ID) {
          throw new MacaroonFormatException(where + " has unknown field type " + type);
        }
        if (type <= previous) {
          throw new MacaroonFormatException(where + " has field type " + type + " out of order");
        }
        byte[] value = bytes(where + " field " + type);
        if (value.length == 0 && type != IDENTIFIER) {
          throw new MacaroonFormatException(where + " has an empty field of type " + type);
        }
        fields.add(new Field(type, value));
        previous = type;
      }
    }

    int varint(String what) throws MacaroonFormatException {
      long[] result = Uvarint.read(data, pos, what);
      pos = (int) result[1];
      return (int) result[0];
    }

    byte[] bytes(String what) throws MacaroonFormatException {
      int length = varint(what + " length");
      if (length > data.length - pos) {
        throw new MacaroonFormatException(what + " length " + length + " extends past the end of the input");
      }
      byte[] value = Arrays.copyOfRange(data, pos, pos + length);
      pos += length;
      return value;
    }
  }
}
