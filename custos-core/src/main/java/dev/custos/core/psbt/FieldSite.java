package dev.custos.core.psbt;

/**
 * Where a field sits ({@code global}, {@code input 1}, {@code output 0}) and its BIP name; every
 * error about the field is built here so that messages read {@code <location>: <FIELD>: <why>}.
 */
record FieldSite(String location, String field) {
  PsbtFormatException error(String reason) {
    return new PsbtFormatException(location + ": " + field + ": " + reason);
  }

  ByteReader reader(byte[] bytes) {
    return new ByteReader(bytes, location + ": " + field);
  }

  void requireNoKeyData(MapEntry e) throws PsbtFormatException {
    if (e.keyData().length != 0) {
      throw error("key data must be empty, found " + e.keyData().length + " bytes");
    }
  }

  void requireKeyDataLength(MapEntry e, int length) throws PsbtFormatException {
    if (e.keyData().length != length) {
      throw error("key data must be " + length + " bytes, found " + e.keyData().length);
    }
  }

  void requireValueLength(MapEntry e, int length) throws PsbtFormatException {
    if (e.value().length != length) {
      throw error("value must be " + length + " bytes, found " + e.value().length);
    }
  }

  long uint32(MapEntry e) throws PsbtFormatException {
    requireNoKeyData(e);
    requireValueLength(e, 4);
    return reader(e.value()).readUInt32();
  }
}
