package dev.custos.store;

import dev.custos.core.approval.Proposal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposal as stored: the canonical {@link Proposal} (its hash is recomputed from the stored
 * fields on every read and must match the row's key), the credential that initiated it, its
 * state, when it takes effect once approved ({@code scheduledAt}) and when the state last changed.
 */
public record StoredProposal(Proposal proposal, String initiator, ProposalState state, Optional<Instant> scheduledAt, Instant stateAt) {
  public StoredProposal {
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(initiator, "initiator");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(stateAt, "stateAt");
  }
}
