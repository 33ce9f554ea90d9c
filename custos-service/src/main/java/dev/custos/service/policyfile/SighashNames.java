package dev.custos.service.policyfile;

import java.util.Map;

/**
 * Sighash type names as the policy writes them (BIP341 "DEFAULT" and the legacy/BIP143 flags):
 * DEFAULT 0x00, ALL 0x01, NONE 0x02, SINGLE 0x03, and each with {@code |ANYONECANPAY} (0x80).
 */
final class SighashNames {
  private static final Map<String, Integer> VALUES = Map.of(
      "DEFAULT", 0x00, "ALL", 0x01, "NONE", 0x02, "SINGLE", 0x03,
      "ALL|ANYONECANPAY", 0x81, "NONE|ANYONECANPAY", 0x82, "SINGLE|ANYONECANPAY", 0x83);

  private SighashNames() {}

  static int value(String name) {
    Integer v = VALUES.get(name);
    if (v == null) {
      throw new IllegalArgumentException(Quoted.of(name) + " is not a sighash type (use DEFAULT, ALL, NONE, SINGLE, "
          + "or ALL|ANYONECANPAY, NONE|ANYONECANPAY, SINGLE|ANYONECANPAY)");
    }
    return v;
  }
}
