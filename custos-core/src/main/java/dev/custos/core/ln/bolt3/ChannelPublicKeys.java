package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.PublicKey;

/**
 * The public keys one node announces in {@code open_channel}/{@code accept_channel} (BOLT 2):
 * funding pubkey and the four basepoints. Each must be a valid compressed point.
 */
public record ChannelPublicKeys(
    PublicKey fundingPubkey,
    PublicKey revocationBasepoint,
    PublicKey paymentBasepoint,
    PublicKey delayedPaymentBasepoint,
    PublicKey htlcBasepoint) {

  public ChannelPublicKeys {
    check("funding_pubkey", fundingPubkey);
    check("revocation_basepoint", revocationBasepoint);
    check("payment_basepoint", paymentBasepoint);
    check("delayed_payment_basepoint", delayedPaymentBasepoint);
    check("htlc_basepoint", htlcBasepoint);
  }

  private static void check(String name, PublicKey key) {
    if (key == null || key.value.size() != 33 || !key.isValid()) {
      throw new IllegalArgumentException(name + " must be a valid 33-byte compressed public key");
    }
  }
}
