package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;

import java.util.Locale;

/** How an approval signature is encoded and what proves it. Ids are stable (stored, on the wire). */
public enum SignatureFormat {
  /** Legacy "Bitcoin Signed Message", base64 of 65 bytes ({@link Bip137}). */
  BIP137("bip137"),
  /** BIP-322 simple ({@code smp} or unprefixed) or full ({@code ful}) ({@link Bip322}). */
  BIP322("bip322"),
  /** Raw BIP340 Schnorr over the tagged message hash, 128 hex digits ({@link Bip340Message}). */
  BIP340("bip340");

  private final String id;

  SignatureFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses {@code bip137|bip322|bip340} (case-insensitive). */
  public static SignatureFormat parse(String text) throws SignatureRejectedException {
    for (SignatureFormat f : values()) {
      if (text != null && f.id.equals(text.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new SignatureRejectedException(MALFORMED, "unknown signature format (expected bip137, bip322 or bip340)");
  }
}
