package dev.custos.core.psbt;

/** Key types of the PSBT global map that Custos interprets (BIP174, BIP370). */
enum GlobalField {
  UNSIGNED_TX(0x00),
  XPUB(0x01),
  TX_VERSION(0x02),
  FALLBACK_LOCKTIME(0x03),
  INPUT_COUNT(0x04),
  OUTPUT_COUNT(0x05),
  TX_MODIFIABLE(0x06),
  VERSION(0xfb),
  PROPRIETARY(0xfc);

  final int type;

  GlobalField(int type) {
    this.type = type;
  }

  String fieldName() {
    return "PSBT_GLOBAL_" + name();
  }

  static GlobalField of(long type) {
    for (GlobalField f : values()) {
      if (f.type == type) {
        return f;
      }
    }
    return null;
  }

  static String nameOf(long type) {
    GlobalField f = of(type);
    return f == null ? "global key type 0x" + Long.toHexString(type) : f.fieldName();
  }
}
