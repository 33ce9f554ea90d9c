package dev.custos.core.psbt;

/** Key types of a PSBT output map that Custos interprets (BIP174, BIP370, BIP371). */
enum OutputField {
  REDEEM_SCRIPT(0x00),
  WITNESS_SCRIPT(0x01),
  BIP32_DERIVATION(0x02),
  AMOUNT(0x03),
  SCRIPT(0x04),
  TAP_INTERNAL_KEY(0x05),
  TAP_TREE(0x06),
  TAP_BIP32_DERIVATION(0x07),
  PROPRIETARY(0xfc);

  final int type;

  OutputField(int type) {
    this.type = type;
  }

  String fieldName() {
    return "PSBT_OUT_" + name();
  }

  static OutputField of(long type) {
    for (OutputField f : values()) {
      if (f.type == type) {
        return f;
      }
    }
    return null;
  }

  static String nameOf(long type) {
    OutputField f = of(type);
    return f == null ? "output key type 0x" + Long.toHexString(type) : f.fieldName();
  }
}
