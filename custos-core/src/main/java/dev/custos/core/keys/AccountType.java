package dev.custos.core.keys;

/**
 * Single-key account standards: the BIP43 purpose of the account path and the output script of
 * its addresses.
 */
public enum AccountType {
  /** BIP44: P2PKH, descriptor {@code pkh(KEY)}. */
  BIP44(44),
  /** BIP49: P2WPKH nested in P2SH, descriptor {@code sh(wpkh(KEY))}. */
  BIP49(49),
  /** BIP84: native P2WPKH, descriptor {@code wpkh(KEY)}. */
  BIP84(84),
  /** BIP86: single-key P2TR key-path spend, descriptor {@code tr(KEY)}. */
  BIP86(86);

  private final int purpose;

  AccountType(int purpose) {
    this.purpose = purpose;
  }

  /** The BIP43 purpose, used hardened as the first element of the account path. */
  public int purpose() {
    return purpose;
  }
}
