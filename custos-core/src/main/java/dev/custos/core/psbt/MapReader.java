package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Reads one BIP174 map ({@code <keypair>* 0x00}) and rejects duplicate keys. Entries are returned
 * in canonical order (ascending unsigned bytes of the whole key), the order {@link PsbtWriter}
 * writes, so that a parsed PSBT and its re-serialization parse to equal values.
 */
final class MapReader {
  static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

  private MapReader() {}

  static List<MapEntry> read(ByteReader in, String location, LongFunction<String> names)
      throws PsbtFormatException {
    List<MapEntry> entries = new ArrayList<>();
    Set<ByteVector> keys = new HashSet<>();
    while (true) {
      if (in.atEnd()) {
        throw new PsbtFormatException("unexpected end of data in " + location + " map");
      }
      long keyLength = in.readCompactSize();
      if (keyLength == 0) {
        break;
      }
      byte[] key = in.readBytes(keyLength);
      ByteReader keyReader = new ByteReader(key, location + ": key");
      long type = keyReader.readCompactSize();
      byte[] keyData = keyReader.readBytes(keyReader.remaining());
      if (in.atEnd()) {
        throw new PsbtFormatException(
            "unexpected end of data in " + location + " map (value of " + names.apply(type) + ")");
      }
      byte[] value = in.readVarBytes();
      ByteVector wholeKey = new ByteVector(key);
      if (!keys.add(wholeKey)) {
        throw new PsbtFormatException(location + ": duplicate key " + names.apply(type));
      }
      entries.add(new MapEntry(type, keyData, value, wholeKey));
    }
    entries.sort(Comparator.comparing(e -> e.key().toByteArray(), KEY_ORDER));
    return entries;
  }
}
