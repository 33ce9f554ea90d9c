package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.PublicKey;

/**
 * Which channel output one input of a {@link ChannelCommand.SignSweepInput} spends, in semantic
 * terms: the signer derives the witness script and the signing key from the channel's bound
 * parameters and these values, never from a script the node hands over. HTLCs are seen from the
 * counterparty's side, the broadcaster of the commitment (BOLT 3 "local").
 *
 * <p>A secret carried here is owned by the command; the signer does not close it.
 */
public sealed interface SweepInput {
  /**
   * Justice on a revoked counterparty commitment's {@code to_local} (BOLT 3 "to_local Output":
   * {@code <revocation_sig> 1}).
   *
   * @param perCommitmentSecret must be the secret the counterparty revealed for one of its
   *     revoked commitments (looked up in the stored shachain)
   */
  record RevokedToLocal(SecretBytes perCommitmentSecret) implements SweepInput {}

  /**
   * Justice on an HTLC output of a revoked counterparty commitment (BOLT 3 "Offered/Received HTLC
   * Outputs": {@code <revocation_sig> <revocationpubkey>}).
   */
  record RevokedHtlc(SecretBytes perCommitmentSecret, Htlc htlc) implements SweepInput {}

  /**
   * An HTLC output of a counterparty commitment we signed and the counterparty has not revoked,
   * keyed with its {@code perCommitmentPoint}: an HTLC it offered is claimed with the preimage
   * ({@code <remotehtlcsig> <payment_preimage>}), one it received (we offered) is timed out
   * ({@code <remotehtlcsig> <>}, nLockTime at least {@code cltv_expiry}).
   */
  record CounterpartyHtlc(PublicKey perCommitmentPoint, Htlc htlc) implements SweepInput {}

  /**
   * Our own {@code to_local} on our latest holder commitment (the one a force close broadcasts),
   * after {@code to_self_delay} (BOLT 3 "to_local Output": {@code <local_delayedsig> <>}, nSequence
   * {@code to_self_delay}). The signer rebuilds that commitment: the input must spend its
   * {@code to_local} output with its exact amount, and {@code perCommitmentPoint} must be ours for
   * that commitment.
   */
  record HolderToLocal(PublicKey perCommitmentPoint) implements SweepInput {}

  /**
   * Our balance on a counterparty commitment that was broadcast (BOLT 3 "to_remote Output"): with
   * {@code option_static_remotekey} a P2WPKH of our payment basepoint ({@code <remote_sig>
   * <remotepubkey>}), with anchors the CSV 1 script. The commitment is not given: the output is
   * recognised by its key alone, and the signature commits to the input's amount (BIP143).
   */
  record CounterpartyToRemote() implements SweepInput {}
}
