package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.Optional;

/**
 * What the routing-balance rule needs to know beyond one channel (VLS
 * {@code policy-commitment-htlc-routing-balance}): the HTLCs of the node's other channels for a
 * payment hash, and the payments the operator approved. Implemented by the shell from the signer's
 * own stored state — never from what the node claims. Amounts in msat.
 */
public interface PaymentLedger {
  /** HTLCs with {@code paymentHash} offered to us on our other channels (in our holder commitments). */
  long receivedElsewhereMsat(ByteVector32 paymentHash);

  /** HTLCs with {@code paymentHash} we offered on our other channels (in signed counterparty commitments). */
  long offeredElsewhereMsat(ByteVector32 paymentHash);

  /** The approved outgoing payment for {@code paymentHash}, if any. */
  Optional<ApprovedPayment> approval(ByteVector32 paymentHash);

  /** The time invoice expiry is judged at. */
  Instant now();
}
