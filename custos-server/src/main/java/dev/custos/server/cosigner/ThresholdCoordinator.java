package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.Frost;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.FrostSignature;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.PublicKeyPackage;
import dev.custos.core.frost.SignatureShare;
import dev.custos.core.frost.SigningCommitments;
import dev.custos.core.frost.SigningPackage;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.TaprootKeyPathSighash;
import dev.custos.proto.v1.CommitRequest;
import dev.custos.proto.v1.CosignerGrpc;
import dev.custos.proto.v1.SignRequest;
import dev.custos.proto.v1.SignResponse;
import dev.custos.server.tls.TlsIdentity;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.secp256k1.Secp256k1;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator of FROST signing sessions over {@code custos.v1.Cosigner} (RFC 9591 §5, the
 * coordinator role): it trusts no cosigner beyond its pinned certificate, and no signature until
 * libsecp256k1 has verified it.
 *
 * <p>{@link #sign}: picks the first {@code t} cosigners not yet excluded, runs round one and round
 * two with a fresh random session id (calls to the subset run in parallel, each with the
 * timeout), verifies every share against the group's verifying shares, aggregates, verifies the
 * aggregate with libsecp256k1's BIP340 verify against the output key, and only then puts it in
 * the PSBT's {@code PSBT_IN_TAP_KEY_SIG}. A cosigner that refuses, times out or returns a bad
 * share is excluded, and a <em>new</em> session (fresh nonces everywhere) starts with another
 * subset, until fewer than {@code t} remain.
 */
public final class ThresholdCoordinator implements AutoCloseable {
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);

  private final Map<Identifier, CosignerEndpoint> members = new LinkedHashMap<>();
  private final Map<Identifier, ManagedChannel> channels = new LinkedHashMap<>();
  private final PublicKeyPackage outputKeys;
  private final int threshold;
  private final Duration timeout;
  private final SecureRandom random;
  private final ExecutorService calls;

  /**
   * @param outputKeys the group's verifying shares and group key for the BIP341 output key
   * @param client this coordinator's certificate and key, pinned by every cosigner
   */
  public ThresholdCoordinator(List<CosignerEndpoint> cosigners, PublicKeyPackage outputKeys, int threshold, TlsIdentity client,
      Duration timeout, SecureRandom random) throws IOException {
    if (threshold < 1 || threshold > cosigners.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " is not in 1.." + cosigners.size());
    }
    this.outputKeys = outputKeys;
    this.threshold = threshold;
    this.timeout = timeout;
    this.random = random;
    this.calls = Executors.newVirtualThreadPerTaskExecutor();
    for (CosignerEndpoint c : cosigners) {
      if (!outputKeys.verifyingShares().containsKey(c.identifier())) {
        throw new IllegalArgumentException("cosigner " + c.identifier() + " has no verifying share in the group");
      }
      members.put(c.identifier(), c);
      channels.put(c.identifier(), PinnedChannel.to(c.host(), c.port(), c.certificateSha256(), client));
    }
  }

  /** The outcome: the PSBT with the key-path signature, and the cosigners that signed. */
  public record Signed(Psbt psbt, List<Identifier> signers, List<String> excluded) {}

  /** Signs input {@code inputIndex} of {@code psbt}; see the class comment. */
  public Signed sign(Psbt psbt, int inputIndex) throws CoordinatorException {
    TaprootKeyPathSighash sighash;
    try {
      sighash = TaprootKeyPathSighash.of(psbt, inputIndex, SigningOptions.DEFAULTS);
    } catch (SigningRefusedException e) {
      throw new CoordinatorException("cannot sign: " + e.getMessage());
    }
    if (!Arrays.equals(sighash.outputKey().value.toByteArray(), outputKeys.groupKey().xOnly())) {
      throw new CoordinatorException("input " + inputIndex + " does not spend the group's output key "
          + HexFormat.of().formatHex(outputKeys.groupKey().xOnly()));
    }
    byte[] psbtBytes = PsbtCodec.serialize(psbt);
    List<String> excluded = new ArrayList<>();
    List<Identifier> available = new ArrayList<>(members.keySet());
    while (available.size() >= threshold) {
      List<Identifier> subset = List.copyOf(available.subList(0, threshold));
      Attempt attempt = session(subset, psbtBytes, inputIndex, sighash.digest());
      if (attempt.signature != null) {
        byte[] sig = attempt.signature;
        byte[] field = sighash.sighashType() == SigningOptions.SIGHASH_DEFAULT ? sig : Arrays.copyOf(sig, 65);
        if (field.length == 65) {
          field[64] = (byte) sighash.sighashType();
        }
        Psbt signed = psbt.withInput(inputIndex, psbt.inputs().get(inputIndex).withTapKeySig(new ByteVector(field)));
        return new Signed(signed, subset, List.copyOf(excluded));
      }
      attempt.failures.forEach((id, why) -> excluded.add(id + ": " + why));
      available.removeAll(attempt.failures.keySet());
    }
    throw new CoordinatorException("fewer than " + threshold + " cosigners accepted: " + String.join("; ", excluded));
  }

  private record Attempt(byte[] signature, Map<Identifier, String> failures) {}

  /** One session with fresh nonces: a signature, or the cosigners to exclude and why. */
  private Attempt session(List<Identifier> subset, byte[] psbt, int inputIndex, byte[] message) {
    byte[] sessionId = new byte[32];
    random.nextBytes(sessionId);
    Map<Identifier, String> failures = new LinkedHashMap<>();
    Map<Identifier, CompletableFuture<SigningCommitments>> round1 = new LinkedHashMap<>();
    for (Identifier id : subset) {
      CommitRequest request = CommitRequest.newBuilder().setSessionId(ByteString.copyFrom(sessionId))
          .setPsbt(ByteString.copyFrom(psbt)).setInputIndex(inputIndex).build();
      round1.put(id, CompletableFuture.supplyAsync(() -> {
        var reply = stub(id).commit(request);
        try {
          SigningCommitments c = SigningCommitments.decode(reply.getCommitments().toByteArray());
          if (!c.identifier().equals(id)) {
            throw new IllegalStateException("answered with the commitments of " + c.identifier());
          }
          return c;
        } catch (FrostException e) {
          throw new IllegalStateException("malformed commitments: " + e.getMessage());
        }
      }, calls));
    }
    List<SigningCommitments> commitments = new ArrayList<>();
    round1.forEach((id, f) -> collect(id, f, failures).ifPresent(commitments::add));
    if (!failures.isEmpty()) {
      return new Attempt(null, failures);
    }
    SigningPackage pkg = new SigningPackage(commitments, message);
    SignRequest.Builder request = SignRequest.newBuilder().setSessionId(ByteString.copyFrom(sessionId))
        .setPsbt(ByteString.copyFrom(psbt)).setInputIndex(inputIndex).setMessage(ByteString.copyFrom(message));
    commitments.forEach(c -> request.addCommitments(ByteString.copyFrom(c.encode())));
    SignRequest built = request.build();
    Map<Identifier, CompletableFuture<SignatureShare>> round2 = new LinkedHashMap<>();
    for (Identifier id : subset) {
      round2.put(id, CompletableFuture.supplyAsync(() -> {
        SignResponse reply = stub(id).sign(built);
        try {
          SignatureShare share = SignatureShare.decode(id, reply.getSignatureShare().toByteArray());
          FROST.verifySignatureShare(pkg, share, outputKeys);
          return share;
        } catch (FrostException e) {
          throw new IllegalStateException("bad signature share: " + e.getMessage());
        }
      }, calls));
    }
    List<SignatureShare> shares = new ArrayList<>();
    round2.forEach((id, f) -> collect(id, f, failures).ifPresent(shares::add));
    if (!failures.isEmpty()) {
      return new Attempt(null, failures);
    }
    try {
      FrostSignature sig = FROST.aggregate(pkg, shares, outputKeys);
      byte[] encoded = sig.encode();
      if (!Secp256k1.Companion.get().verifySchnorr(encoded, message, outputKeys.groupKey().xOnly())) {
        subset.forEach(id -> failures.put(id, "aggregate signature failed BIP340 verification"));
        return new Attempt(null, failures);
      }
      return new Attempt(encoded, failures);
    } catch (FrostException e) {
      subset.forEach(id -> failures.put(id, "aggregation failed: " + e.getMessage()));
      return new Attempt(null, failures);
    }
  }

  private CosignerGrpc.CosignerBlockingStub stub(Identifier id) {
    return CosignerGrpc.newBlockingStub(channels.get(id)).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> java.util.Optional<T> collect(Identifier id, CompletableFuture<T> f, Map<Identifier, String> failures) {
    try {
      return java.util.Optional.of(f.get());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof StatusRuntimeException s
          ? s.getStatus().getCode() + (s.getStatus().getDescription() == null ? "" : " " + s.getStatus().getDescription())
          : cause.getMessage();
      failures.put(id, why);
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.put(id, "interrupted");
      return java.util.Optional.empty();
    }
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    calls.shutdownNow();
  }
}
