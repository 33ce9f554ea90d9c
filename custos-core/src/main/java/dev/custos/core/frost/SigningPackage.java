package dev.custos.core.frost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the coordinator sends every selected signer in round two: the commitment list, sorted by
 * identifier as RFC 9591 §5.2 requires, and the message. Identifiers are unique.
 */
public record SigningPackage(List<SigningCommitments> commitments, byte[] message) {
  public SigningPackage {
    if (commitments == null || commitments.isEmpty() || message == null) {
      throw new IllegalArgumentException("signing package needs commitments and a message");
    }
    List<SigningCommitments> sorted = new ArrayList<>(commitments);
    sorted.sort(Comparator.comparing(SigningCommitments::identifier));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).identifier().equals(sorted.get(i - 1).identifier())) {
        throw new IllegalArgumentException("duplicate identifier " + sorted.get(i).identifier() + " in commitment list");
      }
    }
    commitments = List.copyOf(sorted);
    message = message.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  public List<Identifier> participants() {
    return commitments.stream().map(SigningCommitments::identifier).toList();
  }

  public Optional<SigningCommitments> commitmentsOf(Identifier id) {
    return commitments.stream().filter(c -> c.identifier().equals(id)).findFirst();
  }

  /** RFC 9591 §4.3 {@code encode_group_commitment_list}. */
  byte[] encodeCommitmentList() {
    byte[] out = new byte[commitments.size() * SigningCommitments.ENCODED_LENGTH];
    for (int i = 0; i < commitments.size(); i++) {
      System.arraycopy(commitments.get(i).encode(), 0, out, i * SigningCommitments.ENCODED_LENGTH, SigningCommitments.ENCODED_LENGTH);
    }
    return out;
  }
}
