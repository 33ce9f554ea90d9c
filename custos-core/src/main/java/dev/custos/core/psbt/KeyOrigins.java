package dev.custos.core.psbt;

import dev.custos.core.keys.KeyPath;
import fr.acinq.bitcoin.ByteVector32;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * BIP174 key origin values ({@code <4 byte fingerprint> <32-bit LE path element>*}) and the BIP371
 * taproot form ({@code <compact size n> <32-byte leaf hash>*n <key origin>}).
 */
final class KeyOrigins {
  private KeyOrigins() {}

  static KeyOrigin read(ByteReader in) throws PsbtFormatException {
    int fingerprint = in.readFingerprint();
    if (in.remaining() % 4 != 0) {
      throw in.error("key origin must be 4 + 4*n bytes, found " + (4 + in.remaining()));
    }
    List<Long> path = new ArrayList<>();
    while (!in.atEnd()) {
      path.add(in.readUInt32());
    }
    return new KeyOrigin(fingerprint, new KeyPath(path));
  }

  static TapKeyOrigin readTap(ByteReader in) throws PsbtFormatException {
    long count = in.readCompactSize();
    if (count > in.remaining() / 32) {
      throw in.error(count + " leaf hashes declared, but only " + in.remaining() + " bytes remain");
    }
    List<ByteVector32> leafHashes = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      leafHashes.add(new ByteVector32(in.readBytes(32)));
    }
    return new TapKeyOrigin(leafHashes, read(in));
  }

  static byte[] write(KeyOrigin origin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, origin);
    return out.toByteArray();
  }

  static byte[] writeTap(TapKeyOrigin origin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactSize.write(out, origin.leafHashes().size());
    for (ByteVector32 h : origin.leafHashes()) {
      out.writeBytes(h.toByteArray());
    }
    write(out, origin.origin());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, KeyOrigin origin) {
    CompactSize.writeLittleEndian(out, Integer.reverseBytes(origin.masterFingerprint()) & 0xffff_ffffL, 4);
    for (long index : origin.path().indexes()) {
      CompactSize.writeLittleEndian(out, index, 4);
    }
  }
}
