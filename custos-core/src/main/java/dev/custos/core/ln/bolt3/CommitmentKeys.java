package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.PublicKey;

/**
 * The keys of one commitment transaction, derived from both nodes' basepoints and the
 * broadcaster's {@code per_commitment_point} (BOLT 3 "Key Derivation"). "Local" is the
 * broadcaster, "remote" the other node, as in BOLT 3.
 *
 * @param revocationKey {@code revocationpubkey}, from the remote revocation basepoint
 * @param remotePaymentKey {@code remotepubkey}: the remote payment basepoint (static_remotekey)
 */
public record CommitmentKeys(
    PublicKey perCommitmentPoint,
    PublicKey revocationKey,
    PublicKey localHtlcKey,
    PublicKey remoteHtlcKey,
    PublicKey localDelayedKey,
    PublicKey remotePaymentKey,
    PublicKey localFundingKey,
    PublicKey remoteFundingKey) {

  /** The keys of the commitment {@code broadcaster} signs with {@code perCommitmentPoint}. */
  public static CommitmentKeys derive(ChannelParameters params, Side broadcaster, PublicKey perCommitmentPoint) {
    ChannelPublicKeys local = params.side(broadcaster).keys();
    ChannelPublicKeys remote = params.side(broadcaster.other()).keys();
    return new CommitmentKeys(
        perCommitmentPoint,
        KeyDerivation.revocationPublicKey(remote.revocationBasepoint(), perCommitmentPoint),
        KeyDerivation.derivePublicKey(local.htlcBasepoint(), perCommitmentPoint),
        KeyDerivation.derivePublicKey(remote.htlcBasepoint(), perCommitmentPoint),
        KeyDerivation.derivePublicKey(local.delayedPaymentBasepoint(), perCommitmentPoint),
        remote.paymentBasepoint(),
        local.fundingPubkey(),
        remote.fundingPubkey());
  }
}
