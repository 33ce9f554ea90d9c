package dev.custos.core.sign;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;

/**
 * {@link SigningKeys} over a BIP32 master key. Every derived child key is zeroized as soon as the
 * callback returns. The master key stays owned (and closed) by the caller.
 */
public final class HdSigningKeys implements SigningKeys {
  private final ExtendedPrivateKey master;

  /** @param master a depth-0 master key */
  public HdSigningKeys(ExtendedPrivateKey master) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("signing keys derive from the master key");
    }
    this.master = master;
  }

  @Override
  public int masterFingerprint() {
    return master.fingerprint();
  }

  @Override
  public <T> T withPrivateKey(KeyPath path, KeyUse<T> use) {
    try (ExtendedPrivateKey child = master.derive(path)) {
      return child.withPrivateKey(priv -> use.apply(child.publicKey(), priv));
    }
  }
}
