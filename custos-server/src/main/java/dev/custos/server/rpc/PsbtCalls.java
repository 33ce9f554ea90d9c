package dev.custos.server.rpc;

import dev.custos.core.policy.Finding;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.SigningResult;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import dev.custos.server.auth.Caller;
import dev.custos.server.node.Node;
import dev.custos.server.node.UnlockedKeys;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.signing.NothingToSignException;
import dev.custos.service.signing.SignOutcome;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.StoreException;
import com.google.protobuf.ByteString;
import java.util.List;

/**
 * CheckPsbt and SignPsbt: the same workflow as {@code custos psbt check|sign}, with the caller's
 * credential in every decision and audit record, and its macaroon's custos-* caveats narrowing
 * every decision (tags {@code policy-macaroon-*}). A denied or pending signature is a failure
 * (mapped to PERMISSION_DENIED / FAILED_PRECONDITION); a dry run reports any verdict as data.
 */
final class PsbtCalls {
  private final Node node;

  PsbtCalls(Node node) {
    this.node = node;
  }

  CheckPsbtResponse check(CheckPsbtRequest request) throws StoreException {
    Psbt psbt = PsbtField.parse(request.getPsbt());
    Caller caller = Caller.current();
    SignOutcome o = node.workflow().check(psbt, node.walletContext(), caller.credential(), caller.constraints());
    return CheckPsbtResponse.newBuilder().setDecision(ProtoViews.decision(o.decision())).setAnalysis(ProtoViews.summary(o.analysis()))
        .setReplayed(o.replayed()).build();
  }

  SignPsbtResponse sign(SignPsbtRequest request) throws StoreException, SigningRefusedException, NothingToSignException {
    Psbt psbt = PsbtField.parse(request.getPsbt());
    UnlockedKeys keys = node.keys();
    WalletContext wallet = node.walletContext();
    Caller caller = Caller.current();
    SignOutcome o = node.workflow().sign(psbt, wallet, keys.signingKeys(), keys.auditKey(), caller.credential(),
        caller.constraints());
    return switch (o.decision().verdict()) {
      case ALLOW -> signed(o);
      case DENY -> throw new RpcFailure.PolicyDenied(tags(o, Finding.Effect.DENY), o.decision().findings().stream()
          .filter(f -> f.effect() == Finding.Effect.DENY).map(f -> f.tag().value() + ": " + f.reason()).toList());
      // The spend request approvers decide, or (without an approver set) the pending approval's id.
      case PENDING_APPROVAL -> throw new RpcFailure.PendingApproval(o.approvalRequest().orElse(wallet.walletId() + ":" + o.analysis().unsignedTxid()),
          tags(o, Finding.Effect.APPROVAL));
    };
  }

  private static SignPsbtResponse signed(SignOutcome o) {
    SigningResult result = o.signed().orElseThrow(() -> new IllegalStateException("an ALLOW outcome without a signed PSBT"));
    var b = SignPsbtResponse.newBuilder().setSignedPsbt(ByteString.copyFrom(PsbtCodec.serialize(result.psbt())))
        .setDecision(ProtoViews.decision(o.decision())).setAnalysis(ProtoViews.summary(o.analysis())).setReplayed(o.replayed())
        .setSignatures(result.signatureCount()).addAllWarnings(result.warnings());
    o.analysis().warnings().stream().filter(w -> !result.warnings().contains(w)).forEach(b::addWarnings);
    return b.build();
  }

  private static List<String> tags(SignOutcome o, Finding.Effect effect) {
    return o.decision().tags(effect).stream().map(PolicyTag::value).toList();
  }
}
