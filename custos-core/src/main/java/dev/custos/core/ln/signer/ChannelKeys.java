package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The holder's secrets for one channel: funding key, the four basepoint secrets and the
 * per-commitment seed (BOLT 3 "Key Derivation", "Per-commitment Secret Requirements"), each
 * {@code SHA256("custos-ln/<name>" || 0x00 || channel_seed)}, and the channel seed itself
 * {@code SHA256("custos-ln/channel" || 0x00 || node_secret || channel_id)}.
 *
 * <p>Never serialized; rederived for each operation and closed (zeroized) after it.
 * <b>Warning:</b> the per-commitment seed lets whoever holds it derive every revocation key of our
 * commitments: it must never leave this object.
 */
public final class ChannelKeys implements AutoCloseable {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final SecretBytes funding;
  private final SecretBytes revocationBase;
  private final SecretBytes paymentBase;
  private final SecretBytes delayedBase;
  private final SecretBytes htlcBase;
  private final SecretBytes commitmentSeed;
  private final ChannelPublicKeys publicKeys;
  private final RecentPoints points;

  private ChannelKeys(SecretBytes channelSeed) {
    funding = key("funding", channelSeed);
    revocationBase = key("revocation", channelSeed);
    paymentBase = key("payment", channelSeed);
    delayedBase = key("delayed-payment", channelSeed);
    htlcBase = key("htlc", channelSeed);
    commitmentSeed = key("per-commitment-seed", channelSeed);
    publicKeys = new ChannelPublicKeys(KeyDerivation.publicKeyOf(funding), KeyDerivation.publicKeyOf(revocationBase),
        KeyDerivation.publicKeyOf(paymentBase), KeyDerivation.publicKeyOf(delayedBase), KeyDerivation.publicKeyOf(htlcBase));
    points = new RecentPoints();
  }

  private ChannelKeys(ChannelKeys other) {
    funding = SecretBytes.takeOwnership(other.funding.copy());
    revocationBase = SecretBytes.takeOwnership(other.revocationBase.copy());
    paymentBase = SecretBytes.takeOwnership(other.paymentBase.copy());
    delayedBase = SecretBytes.takeOwnership(other.delayedBase.copy());
    htlcBase = SecretBytes.takeOwnership(other.htlcBase.copy());
    commitmentSeed = SecretBytes.takeOwnership(other.commitmentSeed.copy());
    publicKeys = other.publicKeys;
    points = other.points;
  }

  /** The keys of channel {@code id} under a node secret of at least 32 bytes (not consumed). */
  public static ChannelKeys derive(SecretBytes nodeSecret, ChannelId id) {
    if (nodeSecret.length() < 32) {
      throw new IllegalArgumentException("node secret must be at least 32 bytes, got " + nodeSecret.length());
    }
    byte[] seed = nodeSecret.use(s -> hash("channel", s, id.value().toByteArray()));
    try (SecretBytes channelSeed = SecretBytes.takeOwnership(seed)) {
      return new ChannelKeys(channelSeed);
    }
  }

  /**
   * An independent copy the caller closes, without the hashing and curve multiplications of
   * {@link #derive} (a key cache hands these out while the keys it holds stay open). The copy
   * shares the recently computed per-commitment points (public values).
   */
  public ChannelKeys copy() {
    return new ChannelKeys(this);
  }

  /** The funding pubkey and basepoints announced in {@code open_channel}/{@code accept_channel}. */
  public ChannelPublicKeys publicKeys() {
    return publicKeys;
  }

  /** {@code per_commitment_secret} of holder commitment {@code n}; the caller closes it. */
  public SecretBytes perCommitmentSecret(long n) {
    try {
      return PerCommitmentSecrets.generateFromSeed(commitmentSeed, PerCommitmentSecrets.indexOf(n));
    } catch (Bolt3Exception e) {
      throw new IllegalArgumentException("commitment number " + n + " has no per-commitment secret");
    }
  }

  /** {@code per_commitment_point} of holder commitment {@code n} (the last few are remembered). */
  public PublicKey perCommitmentPoint(long n) {
    return points.point(n, number -> {
      try (SecretBytes secret = perCommitmentSecret(number)) {
        return KeyDerivation.publicKeyOf(secret);
      }
    });
  }

  /** The funding private key (lent, not to be closed by the caller). */
  SecretBytes funding() {
    return funding;
  }

  /** {@code htlc_basepoint_secret + SHA256(point || htlc_basepoint)}; the caller closes it. */
  SecretBytes htlcKey(PublicKey perCommitmentPoint) {
    return KeyDerivation.derivePrivateKey(htlcBase, publicKeys.htlcBasepoint(), perCommitmentPoint);
  }

  /** The delayed payment private key for one of our commitments; the caller closes it. */
  SecretBytes delayedKey(PublicKey perCommitmentPoint) {
    return KeyDerivation.derivePrivateKey(delayedBase, publicKeys.delayedPaymentBasepoint(), perCommitmentPoint);
  }

  /** The static_remotekey payment private key (lent, not to be closed by the caller). */
  SecretBytes payment() {
    return paymentBase;
  }

  /** The revocation private key of a counterparty commitment whose secret it revealed. */
  SecretBytes revocationKey(SecretBytes counterpartyPerCommitmentSecret) {
    return KeyDerivation.revocationPrivateKey(revocationBase, counterpartyPerCommitmentSecret);
  }

  @Override
  public void close() {
    funding.close();
    revocationBase.close();
    paymentBase.close();
    delayedBase.close();
    htlcBase.close();
    commitmentSeed.close();
  }

  @Override
  public String toString() {
    return "ChannelKeys<secret>";
  }

  private static SecretBytes key(String name, SecretBytes channelSeed) {
    byte[] k = channelSeed.use(s -> hash(name, s, new byte[0]));
    if (!SECP.secKeyVerify(k)) {
      Arrays.fill(k, (byte) 0);
      throw new IllegalStateException("derived " + name + " key is not a valid secp256k1 scalar");
    }
    return SecretBytes.takeOwnership(k);
  }

  private static byte[] hash(String name, byte[] secret, byte[] suffix) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(("custos-ln/" + name).getBytes(StandardCharsets.US_ASCII));
      d.update((byte) 0);
      d.update(secret);
      d.update(suffix);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
