package dev.custos.core.message;

/** The single-key address types an approver can register (see {@link ApproverAddress}). */
public enum AddressType {
  /** Base58 pay-to-public-key-hash: BIP-137 (headers 27..34) or BIP-322 full. */
  P2PKH,
  /** Base58 P2SH wrapping P2WPKH: BIP-137 (headers 35..38, or 31..34) or BIP-322 full. */
  P2SH_P2WPKH,
  /** Bech32 witness v0, 20-byte program: BIP-322 simple or full, or BIP-137 (39..42, or 31..34). */
  P2WPKH,
  /** Bech32m witness v1, 32-byte output key: BIP-322 simple or full, key path only. */
  P2TR
}
