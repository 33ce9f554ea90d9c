package dev.custos.core.approval;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A change or spend that needs a quorum: its kind, network, canonical payload bytes (what the
 * shell will apply, e.g. the policy file or a {@link SpendApprovalRequest#payload()}), a random
 * 32-byte nonce (so equal changes proposed twice have different hashes), the creation and expiry
 * times (whole seconds) and the one-line summary shown to approvers.
 *
 * <p>{@link #hash()} is {@code sha256_tag("CustosProposal", canonical)} where canonical is
 * {@code 0x01 || u8 len || kind id || u8 len || network id || nonce(32) || i64 created ||
 * i64 expires || u8 len || summary || u32 len || payload} (big-endian, ASCII ids): every field is
 * committed, each length-prefixed, so no two proposals share a hash (barring SHA-256 collisions).
 */
public record Proposal(ProposalKind kind, Network network, ByteVector payload, ByteVector32 nonce, Instant createdAt, Instant expiresAt, String summary) {
  /** Largest payload, far above any policy file; keeps the hash input bounded. */
  public static final int MAX_PAYLOAD = 1 << 20;
  private static final String TAG = "CustosProposal";

  public Proposal {
    if (kind == null || network == null || payload == null || nonce == null || createdAt == null || expiresAt == null) {
      throw new IllegalArgumentException("proposal: every field is required");
    }
    if (payload.size() > MAX_PAYLOAD) {
      throw new IllegalArgumentException("proposal payload is " + payload.size() + " bytes, more than " + MAX_PAYLOAD);
    }
    ApprovalText.checkTime(createdAt, "creation time");
    ApprovalText.checkTime(expiresAt, "expiry");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("proposal expiry " + expiresAt + " is not after its creation " + createdAt);
    }
    ApprovalText.checkSummary(summary);
  }

  /** The canonical bytes that are hashed (format in the class comment). */
  public byte[] canonicalBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    shortString(out, kind.id());
    shortString(out, network.id());
    out.writeBytes(nonce.toByteArray());
    out.writeBytes(ByteBuffer.allocate(16).putLong(createdAt.getEpochSecond()).putLong(expiresAt.getEpochSecond()).array());
    shortString(out, summary);
    out.writeBytes(ByteBuffer.allocate(4).putInt(payload.size()).array());
    out.writeBytes(payload.toByteArray());
    return out.toByteArray();
  }

  public RequestHash hash() {
    return new RequestHash(Crypto.taggedHash(canonicalBytes(), TAG));
  }

  /** The text an approver signs to take {@code action} on this proposal. */
  public ApprovalText text(ApprovalAction action) {
    return new ApprovalText(action, kind, network, hash(), expiresAt, summary);
  }

  private static void shortString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b.length);
    out.writeBytes(b);
  }
}
