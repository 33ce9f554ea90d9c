package dev.custos.core.approval;

import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.Bip137;
import dev.custos.core.message.Bip340Message;
import dev.custos.core.message.SignatureFormat;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Test approvers whose signatures are made by libsecp256k1 ({@code signSchnorr}, {@code sign}),
 * never by Custos code: the code under test is the verifier. A BIP-137 signature's recovery id is
 * found by trying the four candidates, the way any BIP-137 signer without a recoverable-sign call does.
 */
record Approvers(byte[] secret, SignatureFormat format) {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  static Approvers named(String name, SignatureFormat format) {
    return new Approvers(Crypto.sha256(("custos approver " + name).getBytes(StandardCharsets.UTF_8)), format);
  }

  ApproverKey key() {
    byte[] compressed = SECP.pubKeyCompress(SECP.pubkeyCreate(secret));
    return format == SignatureFormat.BIP340
        ? new ApproverKey.XOnlyKey(new ByteVector(Arrays.copyOfRange(compressed, 1, 33)))
        : new ApproverKey.CompressedKey(new ByteVector(compressed));
  }

  String id() {
    return key().id();
  }

  String sign(String text) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    if (format == SignatureFormat.BIP340) {
      return HexFormat.of().formatHex(SECP.signSchnorr(Bip340Message.digest(message).toByteArray(), secret, new byte[32]));
    }
    byte[] digest = Bip137.messageHash(message);
    byte[] compact = SECP.sign(digest, secret, null);
    byte[] pub = SECP.pubkeyCreate(secret);
    for (int recId = 0; recId < 4; recId++) {
      try {
        if (Arrays.equals(SECP.ecdsaRecover(compact, digest, recId), pub)) {
          byte[] sig = new byte[65];
          sig[0] = (byte) (31 + recId);
          System.arraycopy(compact, 0, sig, 1, 64);
          return Base64.getEncoder().encodeToString(sig);
        }
      } catch (RuntimeException notThisOne) {
        // try the next recovery id
      }
    }
    throw new IllegalStateException("no recovery id");
  }

  SubmittedApproval approve(Proposal p, Instant at) {
    return new SubmittedApproval(id(), ApprovalAction.APPROVE, format, sign(p.text(ApprovalAction.APPROVE).render()), Optional.empty(), at);
  }

  SubmittedApproval reject(Proposal p, Instant at) {
    return new SubmittedApproval(id(), ApprovalAction.REJECT, format, sign(p.text(ApprovalAction.REJECT).render()), Optional.empty(), at);
  }
}
