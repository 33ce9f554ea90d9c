package dev.custos.core.keys;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import java.util.Locale;

/**
 * Bitcoin networks Custos signs for, with their encoding constants (BIP32 version bytes,
 * Base58 prefixes, bech32 HRP) and BIP44 coin type (0 on mainnet, 1 everywhere else).
 */
public enum Network {
  MAINNET("mainnet", 0, "bc", 0x00, 0x05, 0x0488B21E, 0x0488ADE4),
  TESTNET("testnet", 1, "tb", 0x6F, 0xC4, 0x043587CF, 0x04358394),
  SIGNET("signet", 1, "tb", 0x6F, 0xC4, 0x043587CF, 0x04358394),
  REGTEST("regtest", 1, "bcrt", 0x6F, 0xC4, 0x043587CF, 0x04358394);

  private final String id;
  private final int coinType;
  private final String bech32Hrp;
  private final int p2pkhVersion;
  private final int p2shVersion;
  private final int xpubVersion;
  private final int xprvVersion;

  Network(String id, int coinType, String bech32Hrp, int p2pkhVersion, int p2shVersion, int xpubVersion, int xprvVersion) {
    this.id = id;
    this.coinType = coinType;
    this.bech32Hrp = bech32Hrp;
    this.p2pkhVersion = p2pkhVersion;
    this.p2shVersion = p2shVersion;
    this.xpubVersion = xpubVersion;
    this.xprvVersion = xprvVersion;
  }

  /** The lower-case name used on the command line and in files. */
  public String id() {
    return id;
  }

  public int coinType() {
    return coinType;
  }

  public String bech32Hrp() {
    return bech32Hrp;
  }

  public int p2pkhVersion() {
    return p2pkhVersion;
  }

  public int p2shVersion() {
    return p2shVersion;
  }

  /** BIP32 version bytes of serialized extended public keys (xpub / tpub). */
  public int xpubVersion() {
    return xpubVersion;
  }

  public int xprvVersion() {
    return xprvVersion;
  }

  /** Genesis block hash, the form bitcoin-kmp uses to pick address encodings. */
  public BlockHash chainHash() {
    return switch (this) {
      case MAINNET -> Block.LivenetGenesisBlock.hash;
      case TESTNET -> Block.Testnet3GenesisBlock.hash;
      case SIGNET -> Block.SignetGenesisBlock.hash;
      case REGTEST -> Block.RegtestGenesisBlock.hash;
    };
  }

  /** Parses {@code mainnet|testnet|signet|regtest} (case-insensitive). */
  public static Network parse(String text) {
    for (Network n : values()) {
      if (n.id.equals(text.toLowerCase(Locale.ROOT))) {
        return n;
      }
    }
    throw new IllegalArgumentException("unknown network '" + text + "' (expected mainnet, testnet, signet or regtest)");
  }
}
