package dev.custos.ldk.signer;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.secret.SecretBytes;

/**
 * The secrets of one channel, derived from the Custos master key at {@link ChannelKeyId#path()}
 * (layout in {@link LightningKeyPaths}), and their public keys. Secrets are {@link SecretBytes}:
 * never printed, zeroized by {@link #close()}.
 */
public final class ChannelKeys implements AutoCloseable {
  private final ChannelKeyId id;
  private final SecretBytes funding;
  private final SecretBytes revocationBase;
  private final SecretBytes paymentBase;
  private final SecretBytes delayedPaymentBase;
  private final SecretBytes htlcBase;
  private final SecretBytes commitmentSeed;
  private final ChannelPublicKeys publicKeys;

  private ChannelKeys(ChannelKeyId id, SecretBytes[] s) {
    this.id = id;
    this.funding = s[0];
    this.revocationBase = s[1];
    this.paymentBase = s[2];
    this.delayedPaymentBase = s[3];
    this.htlcBase = s[4];
    this.commitmentSeed = s[5];
    this.publicKeys = new ChannelPublicKeys(KeyDerivation.publicKeyOf(funding), KeyDerivation.publicKeyOf(revocationBase),
        KeyDerivation.publicKeyOf(paymentBase), KeyDerivation.publicKeyOf(delayedPaymentBase),
        KeyDerivation.publicKeyOf(htlcBase));
  }

  /** Derives channel {@code id}'s keys; the caller keeps ownership of {@code master} and closes the result. */
  public static ChannelKeys derive(ExtendedPrivateKey master, ChannelKeyId id) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("channel keys derive from the master key, not from " + master.path());
    }
    SecretBytes[] secrets = new SecretBytes[6];
    try (ExtendedPrivateKey channel = master.derive(id.path())) {
      for (int i = 0; i < secrets.length; i++) {
        try (ExtendedPrivateKey k = channel.deriveChild(KeyPath.hardened(i))) {
          secrets[i] = SecretBytes.takeOwnership(k.withPrivateKey(byte[]::clone));
        }
      }
    }
    return new ChannelKeys(id, secrets);
  }

  public ChannelKeyId id() {
    return id;
  }

  public ChannelPublicKeys publicKeys() {
    return publicKeys;
  }

  SecretBytes funding() {
    return funding;
  }

  SecretBytes revocationBase() {
    return revocationBase;
  }

  SecretBytes paymentBase() {
    return paymentBase;
  }

  SecretBytes delayedPaymentBase() {
    return delayedPaymentBase;
  }

  SecretBytes htlcBase() {
    return htlcBase;
  }

  SecretBytes commitmentSeed() {
    return commitmentSeed;
  }

  @Override
  public void close() {
    for (SecretBytes s : new SecretBytes[] {funding, revocationBase, paymentBase, delayedPaymentBase, htlcBase, commitmentSeed}) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "ChannelKeys[" + id + ", <secret>]";
  }
}
