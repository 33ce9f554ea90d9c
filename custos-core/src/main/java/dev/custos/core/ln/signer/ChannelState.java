package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import fr.acinq.bitcoin.ByteVector;
import java.util.List;
import java.util.Optional;

/**
 * Everything the signer remembers about one channel, as an immutable value: what was bound at
 * setup, and the revocation state of both sides. {@link ChannelSigner} maps (state, command) to a
 * new state; the shell persists it before releasing the reply.
 *
 * <p>Holder commitments {@code 0 .. nextHolderNumber-1} were validated (counter-signed), and
 * {@code 0 .. holderRevoked-1} were revoked (their secrets released). Counterparty commitments
 * {@code 0 .. nextCounterpartyNumber-1} were signed by us, and the counterparty revealed the
 * secrets of {@code 0 .. counterpartyRevoked-1}.
 *
 * @param holderSpec the latest validated holder commitment, absent before the first
 * @param counterpartyUnrevoked the signed, not yet revoked counterparty commitments, oldest first
 *     (at most two: the current one and the one awaiting revocation)
 * @param closingSigned whether a closing signature left the signer (a mutual close, or our own
 *     commitment for a force close): no holder commitment is revoked after it, since its
 *     revocation would let the counterparty punish our broadcast
 */
public record ChannelState(
    ChannelId id,
    ChannelParameters params,
    Optional<ByteVector> holderShutdownScript,
    Optional<ByteVector> counterpartyShutdownScript,
    long nextHolderNumber,
    long holderRevoked,
    Optional<CommitmentSpec> holderSpec,
    long nextCounterpartyNumber,
    long counterpartyRevoked,
    List<CounterpartyCommitment> counterpartyUnrevoked,
    CounterpartySecrets counterpartySecrets,
    boolean closingSigned) {

  public ChannelState {
    if (id == null || params == null || holderShutdownScript == null || counterpartyShutdownScript == null
        || holderSpec == null || counterpartyUnrevoked == null || counterpartySecrets == null) {
      throw new IllegalArgumentException("channel state fields must all be present");
    }
    counterpartyUnrevoked = List.copyOf(counterpartyUnrevoked);
    if (holderRevoked < 0 || nextHolderNumber < holderRevoked || nextHolderNumber > holderRevoked + 2
        || (nextHolderNumber > 0 && holderRevoked >= nextHolderNumber)) {
      throw new IllegalArgumentException("holder numbers inconsistent: next=" + nextHolderNumber + " revoked=" + holderRevoked);
    }
    if (holderSpec.isPresent() != (nextHolderNumber > 0)
        || holderSpec.filter(s -> s.commitmentNumber() != nextHolderNumber - 1).isPresent()) {
      throw new IllegalArgumentException("holder spec must be the latest validated holder commitment " + (nextHolderNumber - 1));
    }
    if (counterpartyRevoked < 0 || nextCounterpartyNumber < counterpartyRevoked
        || counterpartyUnrevoked.size() != nextCounterpartyNumber - counterpartyRevoked || counterpartyUnrevoked.size() > 2) {
      throw new IllegalArgumentException("counterparty numbers inconsistent: next=" + nextCounterpartyNumber
          + " revoked=" + counterpartyRevoked + " unrevoked=" + counterpartyUnrevoked.size());
    }
    for (int i = 0; i < counterpartyUnrevoked.size(); i++) {
      if (counterpartyUnrevoked.get(i).number() != counterpartyRevoked + i) {
        throw new IllegalArgumentException("unrevoked counterparty commitment " + i + " has number "
            + counterpartyUnrevoked.get(i).number() + ", expected " + (counterpartyRevoked + i));
      }
    }
  }

  /** A freshly set-up channel: nothing validated, signed or revoked yet. */
  public static ChannelState initial(ChannelId id, ChannelParameters params, Optional<ByteVector> holderShutdownScript,
      Optional<ByteVector> counterpartyShutdownScript) {
    return new ChannelState(id, params, holderShutdownScript, counterpartyShutdownScript, 0, 0, Optional.empty(), 0, 0,
        List.of(), CounterpartySecrets.EMPTY, false);
  }

  /** The latest counterparty commitment we signed, if any. */
  public Optional<CounterpartyCommitment> latestCounterparty() {
    return counterpartyUnrevoked.isEmpty() ? Optional.empty() : Optional.of(counterpartyUnrevoked.getLast());
  }

  ChannelState withHolder(long next, long revoked, Optional<CommitmentSpec> spec) {
    return new ChannelState(id, params, holderShutdownScript, counterpartyShutdownScript, next, revoked, spec,
        nextCounterpartyNumber, counterpartyRevoked, counterpartyUnrevoked, counterpartySecrets, closingSigned);
  }

  ChannelState withCounterparty(long next, long revoked, List<CounterpartyCommitment> unrevoked, CounterpartySecrets secrets) {
    return new ChannelState(id, params, holderShutdownScript, counterpartyShutdownScript, nextHolderNumber, holderRevoked,
        holderSpec, next, revoked, unrevoked, secrets, closingSigned);
  }

  ChannelState withClosingSigned() {
    return new ChannelState(id, params, holderShutdownScript, counterpartyShutdownScript, nextHolderNumber, holderRevoked,
        holderSpec, nextCounterpartyNumber, counterpartyRevoked, counterpartyUnrevoked, counterpartySecrets, true);
  }
}
