package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.SignatureShare;
import dev.custos.core.frost.SigningCommitments;
import dev.custos.core.frost.SigningPackage;
import dev.custos.core.frost.TaprootTweak;
import dev.custos.proto.v1.CommitRequest;
import dev.custos.proto.v1.CommitResponse;
import dev.custos.proto.v1.CosignerGrpc;
import dev.custos.proto.v1.GetGroupRequest;
import dev.custos.proto.v1.GetGroupResponse;
import dev.custos.proto.v1.SignRequest;
import dev.custos.proto.v1.SignResponse;
import dev.custos.server.auth.PeerCertificate;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.cosigner.Cosigner;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code custos.v1.Cosigner} (cosigner.proto): decodes the wire fields strictly (a malformed one
 * is INVALID_ARGUMENT naming it) and hands every decision to {@link Cosigner}. The audited
 * credential is {@code cosigner-client:<fingerprint>} of the pinned client certificate.
 */
public final class CosignerService extends CosignerGrpc.CosignerImplBase {
  private final Cosigner cosigner;
  private final GetGroupResponse group;

  public CosignerService(Cosigner cosigner, GetGroupResponse group) {
    this.cosigner = cosigner;
    this.group = group;
  }

  @Override
  public void commit(CommitRequest request, StreamObserver<CommitResponse> responses) {
    RpcCalls.unary(responses, () -> {
      SigningCommitments c = cosigner.commit(sessionId(request.getSessionId()), request.getPsbt().toByteArray(),
          request.getInputIndex(), tweak(request.getMerkleRoot()));
      return CommitResponse.newBuilder().setCommitments(ByteString.copyFrom(c.encode())).build();
    });
  }

  @Override
  public void sign(SignRequest request, StreamObserver<SignResponse> responses) {
    RpcCalls.unary(responses, () -> {
      List<SigningCommitments> commitments = new ArrayList<>();
      for (int i = 0; i < request.getCommitmentsCount(); i++) {
        try {
          commitments.add(SigningCommitments.decode(request.getCommitments(i).toByteArray()));
        } catch (FrostException e) {
          throw new RpcFailure.InvalidArgument("commitments[" + i + "]", e.getMessage());
        }
      }
      if (commitments.isEmpty()) {
        throw new RpcFailure.InvalidArgument("commitments", "empty");
      }
      if (request.getMessage().size() != 32) {
        throw new RpcFailure.InvalidArgument("message", "must be 32 bytes, got " + request.getMessage().size());
      }
      SigningPackage pkg;
      try {
        pkg = new SigningPackage(commitments, request.getMessage().toByteArray());
      } catch (IllegalArgumentException e) {
        throw new RpcFailure.InvalidArgument("commitments", e.getMessage());
      }
      SignatureShare share = cosigner.sign(sessionId(request.getSessionId()), request.getPsbt().toByteArray(),
          request.getInputIndex(), tweak(request.getMerkleRoot()), pkg, "cosigner-client:" + PeerCertificate.fingerprint());
      return SignResponse.newBuilder().setIdentifier(ByteString.copyFrom(share.identifier().encode()))
          .setSignatureShare(ByteString.copyFrom(share.encode())).build();
    });
  }

  @Override
  public void getGroup(GetGroupRequest request, StreamObserver<GetGroupResponse> responses) {
    RpcCalls.unary(responses, () -> group);
  }

  private static byte[] sessionId(ByteString b) throws RpcFailure {
    if (b.size() != 32) {
      throw new RpcFailure.InvalidArgument("session_id", "must be 32 bytes, got " + b.size());
    }
    return b.toByteArray();
  }

  private static TaprootTweak tweak(ByteString merkleRoot) throws RpcFailure {
    if (merkleRoot.size() != 0 && merkleRoot.size() != 32) {
      throw new RpcFailure.InvalidArgument("merkle_root", "must be empty or 32 bytes, got " + merkleRoot.size());
    }
    return new TaprootTweak(merkleRoot.toByteArray());
  }
}
