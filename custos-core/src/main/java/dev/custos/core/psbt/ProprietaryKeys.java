package dev.custos.core.psbt;

/**
 * BIP174 proprietary keys (type 0xFC): key data is {@code <compact size identifier length>
 * <identifier> <compact size subtype> <subkeydata>}; the value is opaque.
 */
final class ProprietaryKeys {
  private ProprietaryKeys() {}

  static void validate(MapEntry e, FieldSite site) throws PsbtFormatException {
    ByteReader in = site.reader(e.keyData());
    in.readVarBytes();
    in.readCompactSize();
  }
}
