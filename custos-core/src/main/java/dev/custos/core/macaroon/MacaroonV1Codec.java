package dev.custos.core.macaroon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the libmacaroons v1 serialization: base64 (either alphabet, padding optional) of a
 * sequence of packets {@code hhhh<name> <data>\n}, where {@code hhhh} is the whole packet length in
 * four lower-case hex digits. Packets: {@code location}, {@code identifier}, then per caveat
 * {@code cid} optionally followed by {@code vid} and {@code cl}, then {@code signature} (32 raw
 * bytes). Read only: Custos writes v2.
 */
final class MacaroonV1Codec {
  private MacaroonV1Codec() {}

  static Macaroon decode(byte[] base64Text) throws MacaroonFormatException {
    if (base64Text.length > 2 * Macaroon.MAX_ENCODED_BYTES) {
      throw new MacaroonFormatException("v1 macaroon of " + base64Text.length + " characters is too long");
    }
    byte[] data = LenientBase64.decode(new String(base64Text, StandardCharsets.US_ASCII));
    Packets p = new Packets(data);
    String location = new String(p.expect("location"), StandardCharsets.UTF_8);
    byte[] identifier = p.expect("identifier");
    List<Caveat> caveats = new ArrayList<>();
    Packet next = p.next();
    while (next.name.equals("cid")) {
      if (caveats.size() == Macaroon.MAX_CAVEATS) {
        throw new MacaroonFormatException("more than " + Macaroon.MAX_CAVEATS + " caveats");
      }
      byte[] cid = next.data;
      next = p.next();
      if (next.name.equals("vid")) {
        byte[] vid = next.data;
        if (vid.length == 0) {
          throw new MacaroonFormatException("v1 caveat " + caveats.size() + " has an empty vid");
        }
        next = p.next();
        String cl = "";
        if (next.name.equals("cl")) {
          cl = new String(next.data, StandardCharsets.UTF_8);
          next = p.next();
        }
        caveats.add(new ThirdPartyCaveat(cid, vid, cl));
      } else {
        caveats.add(new FirstPartyCaveat(cid));
      }
    }
    if (!next.name.equals("signature")) {
      throw new MacaroonFormatException("v1 packet '" + next.name + "' where a caveat or the signature belongs");
    }
    if (next.data.length != Macaroon.SIGNATURE_BYTES) {
      throw new MacaroonFormatException("v1 signature has " + next.data.length + " bytes, expected 32");
    }
    if (p.pos != data.length) {
      throw new MacaroonFormatException((data.length - p.pos) + " trailing bytes after the v1 signature");
    }
    return new Macaroon(location, identifier, caveats, next.data);
  }

  private record Packet(String name, byte[] data) {}

  private static final class Packets {
    final byte[] data;
    int pos;

    Packets(byte[] data) {
      this.data = data;
    }

    byte[] expect(String name) throws MacaroonFormatException {
      Packet p = next();
      if (!p.name.equals(name)) {
        throw new MacaroonFormatException("v1 packet '" + p.name + "' where '" + name + "' belongs");
      }
      return p.data;
    }

    Packet next() throws MacaroonFormatException {
      if (data.length - pos < 6) {
        throw new MacaroonFormatException("v1 packet at offset " + pos + " is truncated");
      }
      int size = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(data[pos + i], 16);
        if (d < 0 || Character.isUpperCase(data[pos + i])) {
          throw new MacaroonFormatException("v1 packet at offset " + pos + " has no hex length");
        }
        size = (size << 4) | d;
      }
      if (size < 6 || size > data.length - pos) {
        throw new MacaroonFormatException("v1 packet at offset " + pos + " has impossible length " + size);
      }
      byte[] packet = Arrays.copyOfRange(data, pos + 4, pos + size);
      int space = -1;
      for (int i = 0; i < packet.length; i++) {
        if (packet[i] == ' ') {
          space = i;
          break;
        }
      }
      if (space <= 0 || packet[packet.length - 1] != '\n') {
        throw new MacaroonFormatException("v1 packet at offset " + pos + " is not '<name> <data>\\n'");
      }
      pos += size;
      String name = new String(packet, 0, space, StandardCharsets.US_ASCII);
      return new Packet(name, Arrays.copyOfRange(packet, space + 1, packet.length - 1));
    }
  }
}
