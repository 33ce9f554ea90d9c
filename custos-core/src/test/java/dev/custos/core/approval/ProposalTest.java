package dev.custos.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalTest {
  static final Instant CREATED = Instant.parse("2026-05-01T10:00:00Z");
  static final Instant EXPIRES = Instant.parse("2026-05-02T10:00:00Z");
  static final ByteVector32 NONCE = new ByteVector32("11".repeat(32));

  static Proposal policy(String summary) {
    return new Proposal(ProposalKind.POLICY_APPLY, Network.MAINNET, new ByteVector("version: 1\n".getBytes(StandardCharsets.UTF_8)),
        NONCE, CREATED, EXPIRES, summary);
  }

  @Test
  void hashIsTheTaggedHashOfTheDocumentedLayout() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(1);
    b.write(12);
    b.writeBytes("policy-apply".getBytes(StandardCharsets.US_ASCII));
    b.write(7);
    b.writeBytes("mainnet".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(HexFormat.of().parseHex("11".repeat(32)));
    b.writeBytes(HexFormat.of().parseHex("0000000069f479a0")); // 2026-05-01T10:00:00Z = 1777629600
    b.writeBytes(HexFormat.of().parseHex("0000000069f5cb20")); // + 86400
    b.write(13);
    b.writeBytes("apply policy7".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(HexFormat.of().parseHex("0000000b"));
    b.writeBytes("version: 1\n".getBytes(StandardCharsets.UTF_8));
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] tag = sha.digest("CustosProposal".getBytes(StandardCharsets.US_ASCII));
    sha.update(tag);
    sha.update(tag);
    byte[] expected = sha.digest(b.toByteArray());
    Proposal p = policy("apply policy7");
    assertThat(p.canonicalBytes()).isEqualTo(b.toByteArray());
    assertThat(p.hash().value().toByteArray()).isEqualTo(expected);
  }

  @Test
  void everyFieldChangesTheHash() {
    Proposal base = policy("apply policy7");
    List<Proposal> mutations = List.of(
        new Proposal(ProposalKind.ALLOWLIST_CHANGE, base.network(), base.payload(), NONCE, CREATED, EXPIRES, base.summary()),
        new Proposal(base.kind(), Network.TESTNET, base.payload(), NONCE, CREATED, EXPIRES, base.summary()),
        new Proposal(base.kind(), base.network(), new ByteVector("version: 2\n".getBytes(StandardCharsets.UTF_8)), NONCE, CREATED, EXPIRES, base.summary()),
        new Proposal(base.kind(), base.network(), base.payload(), new ByteVector32("12".repeat(32)), CREATED, EXPIRES, base.summary()),
        new Proposal(base.kind(), base.network(), base.payload(), NONCE, CREATED.minusSeconds(1), EXPIRES, base.summary()),
        new Proposal(base.kind(), base.network(), base.payload(), NONCE, CREATED, EXPIRES.plusSeconds(1), base.summary()),
        policy("apply policy8"));
    assertThat(mutations).allSatisfy(m -> assertThat(m.hash()).isNotEqualTo(base.hash()));
  }

  @Test
  void refusesBadTimes() {
    assertThatThrownBy(() -> new Proposal(ProposalKind.SEED_EXPORT, Network.MAINNET, ByteVector.empty, NONCE, EXPIRES, CREATED, "export"))
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> new Proposal(ProposalKind.SEED_EXPORT, Network.MAINNET, ByteVector.empty, NONCE, CREATED, EXPIRES.plusMillis(1), "export"))
        .hasMessageContaining("whole seconds");
  }

  @Test
  void spendRequestBindsTxidAndPolicyContext() {
    SpendApprovalRequest r = new SpendApprovalRequest("73c5da0a", new TxId("3f2a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"), 7,
        List.of("policy-approval-amount"), 125_000_000L, "cred-alice");
    assertThat(r.summary()).isEqualTo("spend 1.25000000 BTC from wallet 73c5da0a txid 3f2a1b2c4d5e6f70");
    byte[] payload = r.payload();
    assertThat(HexFormat.of().formatHex(payload, 10, 42)).isEqualTo("3f2a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8");
    RequestHash h = r.toProposal(Network.MAINNET, NONCE, CREATED, EXPIRES).hash();
    List<SpendApprovalRequest> others = List.of(
        new SpendApprovalRequest("73c5da0b", r.unsignedTxid(), 7, r.approvalTags(), r.amountLeavingSat(), r.initiator()),
        new SpendApprovalRequest(r.walletId(), new TxId("00".repeat(32)), 7, r.approvalTags(), r.amountLeavingSat(), r.initiator()),
        new SpendApprovalRequest(r.walletId(), r.unsignedTxid(), 8, r.approvalTags(), r.amountLeavingSat(), r.initiator()),
        new SpendApprovalRequest(r.walletId(), r.unsignedTxid(), 7, List.of(), r.amountLeavingSat(), r.initiator()),
        new SpendApprovalRequest(r.walletId(), r.unsignedTxid(), 7, r.approvalTags(), r.amountLeavingSat() + 1, r.initiator()),
        new SpendApprovalRequest(r.walletId(), r.unsignedTxid(), 7, r.approvalTags(), r.amountLeavingSat(), "cred-bob"));
    assertThat(others).allSatisfy(o -> assertThat(o.toProposal(Network.MAINNET, NONCE, CREATED, EXPIRES).hash()).isNotEqualTo(h));
    assertThat(new SpendApprovalRequest("w", r.unsignedTxid(), 0, List.of(), 2_100_000_000_000_000L, "c").summary().length())
        .isLessThanOrEqualTo(ApprovalText.MAX_SUMMARY);
    assertThatThrownBy(() -> new SpendApprovalRequest("w", r.unsignedTxid(), 0, List.of("b", "a"), 1, "c")).hasMessageContaining("sorted");
  }
}
