package dev.custos.core.psbt;

/** Key types of a PSBT input map that Custos interprets (BIP174, BIP370, BIP371). */
enum InputField {
  NON_WITNESS_UTXO(0x00),
  WITNESS_UTXO(0x01),
  PARTIAL_SIG(0x02),
  SIGHASH_TYPE(0x03),
  REDEEM_SCRIPT(0x04),
  WITNESS_SCRIPT(0x05),
  BIP32_DERIVATION(0x06),
  FINAL_SCRIPTSIG(0x07),
  FINAL_SCRIPTWITNESS(0x08),
  RIPEMD160(0x0a),
  SHA256(0x0b),
  HASH160(0x0c),
  HASH256(0x0d),
  PREVIOUS_TXID(0x0e),
  OUTPUT_INDEX(0x0f),
  SEQUENCE(0x10),
  REQUIRED_TIME_LOCKTIME(0x11),
  REQUIRED_HEIGHT_LOCKTIME(0x12),
  TAP_KEY_SIG(0x13),
  TAP_SCRIPT_SIG(0x14),
  TAP_LEAF_SCRIPT(0x15),
  TAP_BIP32_DERIVATION(0x16),
  TAP_INTERNAL_KEY(0x17),
  TAP_MERKLE_ROOT(0x18),
  PROPRIETARY(0xfc);

  final int type;

  InputField(int type) {
    this.type = type;
  }

  String fieldName() {
    return "PSBT_IN_" + name();
  }

  static InputField of(long type) {
    for (InputField f : values()) {
      if (f.type == type) {
        return f;
      }
    }
    return null;
  }

  static String nameOf(long type) {
    InputField f = of(type);
    return f == null ? "input key type 0x" + Long.toHexString(type) : f.fieldName();
  }
}
