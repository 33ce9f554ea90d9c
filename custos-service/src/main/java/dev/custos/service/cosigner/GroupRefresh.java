package dev.custos.service.cosigner;

import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.VssCommitment;
import java.util.Map;

/**
 * The public record of one share refresh of a group ({@code RefreshCeremony}): its fresh ceremony
 * id, every member's refresh commitment and every member's certificate over the refresh
 * transcript. {@link GroupFile#verify} checks it against the previous transcript hash of the
 * chain and derives the refreshed verifying shares from it.
 */
public record GroupRefresh(byte[] ceremonyId, Map<Identifier, VssCommitment> commitments, Map<Identifier, DkgCertificate> certificates) {
  public GroupRefresh {
    if (ceremonyId == null || ceremonyId.length != 32) {
      throw new IllegalArgumentException("refresh ceremonyId must be 32 bytes");
    }
    ceremonyId = ceremonyId.clone();
    commitments = Map.copyOf(commitments);
    certificates = Map.copyOf(certificates);
  }

  @Override
  public byte[] ceremonyId() {
    return ceremonyId.clone();
  }
}
