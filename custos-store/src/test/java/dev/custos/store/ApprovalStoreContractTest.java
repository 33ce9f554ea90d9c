package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.Proposal;
import dev.custos.core.approval.ProposalKind;
import dev.custos.core.approval.RequestHash;
import dev.custos.core.keys.Network;
import dev.custos.core.message.SignatureFormat;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quorum tables (migration V5) on every backend: approver sets versioned per role, proposals
 * whose hash is checked on read, approvals once per (proposal, approver, action), the link of a
 * pending spend to its proposal, and all of it surviving a restart. Kept beside
 * {@link StoreContractTest} with the same fixture (a fresh database per test, raw access for
 * tampering) so each backend runs it once.
 */
public abstract class ApprovalStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

  protected String url;
  protected Store store;

  /** A JDBC URL of a new, empty database. */
  protected abstract String newDatabaseUrl() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    url = newDatabaseUrl();
    store = StoreFactory.open(url);
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }
  private static final String KEY_A = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final String KEY_B = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";

  @Test
  void approverSetVersionsFollowEachOtherPerRoleAndTheLatestIsInForce() throws Exception {
    StoredApproverSet admin1 = new StoredApproverSet(ApproverRole.ADMIN, 1, List.of(KEY_A, KEY_B), 2, T0, "init");
    StoredApproverSet spend1 = new StoredApproverSet(ApproverRole.SPEND, 1, List.of(KEY_A), 1, T0, "init");
    StoredApproverSet admin2 = new StoredApproverSet(ApproverRole.ADMIN, 2, List.of(KEY_B), 1, T0.plusSeconds(9), "quorum");
    store.write(tx -> {
      tx.putApproverSet(admin1);
      tx.putApproverSet(spend1);
      return null;
    });
    assertThat(setOf(ApproverRole.ADMIN)).contains(admin1);
    store.write(tx -> {
      tx.putApproverSet(admin2);
      return null;
    });
    assertThat(setOf(ApproverRole.ADMIN)).contains(admin2);
    assertThat(setOf(ApproverRole.SPEND)).contains(spend1);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putApproverSet(new StoredApproverSet(ApproverRole.SPEND, 3, List.of(KEY_B), 1, T0, "x"));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("expected 2");
  }

  @Test
  void proposalsRoundTripAndMoveOnlyWhileOpen() throws Exception {
    StoredProposal p = new StoredProposal(proposal(1), "alice", ProposalState.PENDING, Optional.empty(), T0);
    RequestHash h = p.proposal().hash();
    store.write(tx -> {
      tx.addProposal(p);
      return null;
    });
    assertThat(proposalOf(h)).contains(p);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.addProposal(p);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already exists");

    Instant due = T0.plusSeconds(3600);
    store.write(tx -> {
      tx.setProposalState(h, ProposalState.SCHEDULED, Optional.of(due), T0.plusSeconds(5));
      tx.setProposalState(h, ProposalState.APPLIED, Optional.of(due), due);
      return null;
    });
    assertThat(proposalOf(h)).contains(new StoredProposal(p.proposal(), "alice", ProposalState.APPLIED, Optional.of(due), due));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.setProposalState(h, ProposalState.CANCELLED, Optional.empty(), due);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already closed");
  }

  @Test
  void approvalsAreCountedOncePerApproverAndActionAndOnlyOnOpenProposals() throws Exception {
    StoredProposal p = new StoredProposal(proposal(2), "alice", ProposalState.PENDING, Optional.empty(), T0);
    RequestHash h = p.proposal().hash();
    StoredApproval a = approval(h, KEY_A, ApprovalAction.APPROVE, 1);
    StoredApproval rejectByA = approval(h, KEY_A, ApprovalAction.REJECT, 2);
    store.write(tx -> {
      tx.addProposal(p);
      tx.addApproval(rejectByA);
      tx.addApproval(a);
      return null;
    });
    assertThat(approvalsOf(h)).containsExactly(a, rejectByA);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.addApproval(approval(h, KEY_A, ApprovalAction.APPROVE, 3));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already submitted 'approve'");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.addApproval(approval(proposal(3).hash(), KEY_A, ApprovalAction.APPROVE, 3));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("no proposal");
    store.write(tx -> {
      tx.setProposalState(h, ProposalState.REJECTED, Optional.empty(), T0.plusSeconds(4));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.addApproval(approval(h, KEY_B, ApprovalAction.APPROVE, 5));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("is REJECTED");
    assertThat(approvalsOf(h)).containsExactly(a, rejectByA);
  }

  @Test
  void aPendingSpendIsLinkedToOneProposal() throws Exception {
    StoredProposal p = new StoredProposal(proposal(4), "alice", ProposalState.PENDING, Optional.empty(), T0);
    store.write(tx -> {
      tx.addPendingApproval(new PendingApproval("w:tx1", "w", "tx1", "cHNidP8=", "alice", 10, List.of(), T0, "PENDING"));
      tx.addProposal(p);
      tx.linkSpendProposal("w:tx1", p.proposal().hash());
      return null;
    });
    assertThat(linkOf("w:tx1")).contains(p.proposal().hash());
    assertThat(linkOf("w:tx2")).isEmpty();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.linkSpendProposal("w:tx1", p.proposal().hash());
      return null;
    })).isInstanceOf(StoreException.class);
  }

  @Test
  void approvalsSurviveARestart() throws Exception {
    StoredProposal p = new StoredProposal(proposal(5), "alice", ProposalState.PENDING, Optional.empty(), T0);
    RequestHash h = p.proposal().hash();
    StoredApproval a = approval(h, KEY_B, ApprovalAction.APPROVE, 7);
    StoredApproverSet admin = new StoredApproverSet(ApproverRole.ADMIN, 1, List.of(KEY_A, KEY_B), 2, T0, "init");
    store.write(tx -> {
      tx.putApproverSet(admin);
      tx.addProposal(p);
      tx.addApproval(a);
      return null;
    });
    store.close();
    store = StoreFactory.open(url);
    assertThat(setOf(ApproverRole.ADMIN)).contains(admin);
    assertThat(store.read(ReadTx::proposals)).containsExactly(p);
    assertThat(approvalsOf(h)).containsExactly(a);
  }

  @Test
  void aProposalRowEditedOutsideCustosIsReportedAsTampered() throws Exception {
    StoredProposal p = new StoredProposal(proposal(6), "alice", ProposalState.PENDING, Optional.empty(), T0);
    store.write(tx -> {
      tx.addProposal(p);
      return null;
    });
    try (Connection c = DriverManager.getConnection(url); PreparedStatement u = c.prepareStatement("UPDATE proposals SET summary = ?")) {
      u.setString(1, "policy-apply v9 sha256 0000000000000000");
      u.executeUpdate();
    }
    assertThatThrownBy(() -> proposalOf(p.proposal().hash()))
        .isInstanceOf(StoreException.class).hasMessageContaining("tampered");
  }

  private static Proposal proposal(int n) {
    byte[] nonce = new byte[32];
    nonce[0] = (byte) n;
    return new Proposal(ProposalKind.POLICY_APPLY, Network.REGTEST, new ByteVector(("version: 1 #" + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        new ByteVector32(nonce), T0, T0.plusSeconds(86_400), "policy-apply v" + n + " sha256 0123456789abcdef");
  }

  private static StoredApproval approval(RequestHash h, String key, ApprovalAction action, int second) {
    return new StoredApproval(h, key, action, SignatureFormat.BIP340, "00".repeat(64), T0.plusSeconds(second), "bob");
  }

  private List<StoredApproval> approvalsOf(RequestHash h) throws StoreException {
    return store.read(tx -> tx.approvals(h));
  }

  private Optional<StoredProposal> proposalOf(RequestHash h) throws StoreException {
    return store.read(tx -> tx.proposal(h));
  }

  private Optional<StoredApproverSet> setOf(ApproverRole role) throws StoreException {
    return store.read(tx -> tx.approverSet(role));
  }

  private Optional<RequestHash> linkOf(String pendingId) throws StoreException {
    return store.read(tx -> tx.spendProposal(pendingId));
  }
}
