package dev.custos.core.approval;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A PENDING_APPROVAL spend, bound to the exact unsigned transaction and the policy context that
 * asked for approval (issue 5 §2). Its {@link #payload()} is the proposal payload, so the request
 * hash commits to the unsigned txid, the wallet, the applied policy version, the approval tags,
 * the amount leaving and the initiating credential: a change of any is a different request.
 *
 * <p>Payload: {@code 0x01 || u8 len || walletId || txid(32, display order) || i64 policyVersion ||
 * u8 count || (u8 len || tag)* || i64 amountLeavingSat || u8 len || initiator} (ASCII, big-endian).
 *
 * @param approvalTags the policy tags that demanded approval, sorted and distinct
 * @param initiator the credential that asked for the signature; it cannot approve
 */
public record SpendApprovalRequest(String walletId, TxId unsignedTxid, long policyVersion, List<String> approvalTags,
    long amountLeavingSat, String initiator) {
  private static final long MAX_MONEY_SAT = 2_100_000_000_000_000L;

  public SpendApprovalRequest {
    approvalTags = List.copyOf(approvalTags);
    shortAscii(walletId, "wallet id");
    shortAscii(initiator, "initiator");
    approvalTags.forEach(t -> shortAscii(t, "approval tag"));
    if (unsignedTxid == null || policyVersion < 0 || amountLeavingSat < 0 || amountLeavingSat > MAX_MONEY_SAT || approvalTags.size() > 255) {
      throw new IllegalArgumentException("spend approval request: txid required, policy version >= 0, amount within 0..21e14 sat, at most 255 tags");
    }
    if (!approvalTags.equals(approvalTags.stream().sorted().distinct().toList())) {
      throw new IllegalArgumentException("spend approval request: approval tags must be sorted and distinct");
    }
  }

  public byte[] payload() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    shortString(out, walletId);
    out.writeBytes(HexFormat.of().parseHex(unsignedTxid.toString()));
    out.writeBytes(ByteBuffer.allocate(8).putLong(policyVersion).array());
    out.write(approvalTags.size());
    approvalTags.forEach(t -> shortString(out, t));
    out.writeBytes(ByteBuffer.allocate(8).putLong(amountLeavingSat).array());
    shortString(out, initiator);
    return out.toByteArray();
  }

  /** E.g. {@code spend 1.25000000 BTC from wallet 73c5da0a txid 3f2a1b2c4d5e6f70} (at most 80 characters). */
  public String summary() {
    String btc = BigDecimal.valueOf(amountLeavingSat, 8).toPlainString();
    String wallet = walletId.length() > 16 ? walletId.substring(0, 16) : walletId;
    return "spend " + btc + " BTC from wallet " + wallet + " txid " + unsignedTxid.toString().substring(0, 16);
  }

  /** The proposal the approvers sign, with a fresh random {@code nonce} from the caller. */
  public Proposal toProposal(Network network, ByteVector32 nonce, Instant createdAt, Instant expiresAt) {
    return new Proposal(ProposalKind.SPEND, network, new ByteVector(payload()), nonce, createdAt, expiresAt, summary());
  }

  private static void shortAscii(String s, String what) {
    if (s == null || s.isEmpty() || s.length() > 255 || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(what + " must be 1..255 printable ASCII characters without spaces");
    }
  }

  private static void shortString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b.length);
    out.writeBytes(b);
  }
}
