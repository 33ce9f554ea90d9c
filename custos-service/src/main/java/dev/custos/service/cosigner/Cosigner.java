package dev.custos.service.cosigner;

import dev.custos.core.audit.AuditType;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Frost;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.GroupElement;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.KeyPackage;
import dev.custos.core.frost.PublicKeyPackage;
import dev.custos.core.frost.SignatureShare;
import dev.custos.core.frost.SigningCommitments;
import dev.custos.core.frost.SigningNonces;
import dev.custos.core.frost.SigningPackage;
import dev.custos.core.frost.TaprootTweak;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.policy.Finding;
import dev.custos.core.policy.Verdict;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtFormatException;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.TaprootKeyPathSighash;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredFrostNonces;
import dev.custos.store.WriteTx;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One FROST share-holder in cosigner role (issue 6 §3): it validates every round itself and
 * releases a signature share only for a spend its own policy allowed and recorded.
 *
 * <p>Round one, {@link #commit}: the PSBT must parse, the input must be a key-path spend of the
 * group's output key (internal key tweaked by {@link TaprootTweak#keyPathOnly()}, the only tweak
 * a cosigner derives) and its BIP341 sighash computable; fresh nonces are sealed
 * ({@link NonceSealer}) and stored UNUSED, bound to the session id and the SHA-256 of the
 * canonical PSBT, before the commitments are returned.
 *
 * <p>Round two, {@link #sign}, in this order:
 * <ol>
 *   <li>the same checks on the PSBT, and the sighash recomputed: the package's message must be
 *       exactly it;
 *   <li>the session's nonces must exist, be UNUSED and bound to this PSBT;
 *   <li>the package must carry this cosigner's commitment unchanged, at least {@code t}
 *       participants, all of them members of the group;
 *   <li>the share is computed and verified against the cosigner's own verifying share, in memory
 *       only (nothing has left the process);
 *   <li>one store transaction ({@link SigningWorkflow#authorize(dev.custos.core.psbt.Psbt,
 *       dev.custos.service.signing.WalletContext, String, MacaroonConstraints, int,
 *       SigningWorkflow.Release)}): the policy decision and, on ALLOW, its debit, the nonces
 *       marked USED and the release audited ({@code frost.share.release}), committed together (a
 *       retry of the same transaction in a new session replays the ALLOW and never debits twice);
 *   <li>only after that commit, and only on ALLOW, is the share returned.
 * </ol>
 * A crash or a failed commit anywhere leaves a nonce either UNUSED and bound to this PSBT (and no
 * share released, nothing debited), or USED with its decision, debit and release record, never
 * restorable: a nonce never signs twice, and a released share always has its USED mark. The
 * coordinator starts a new session after any failure. One store commit per round, so two on a
 * session's critical path.
 *
 * <p><b>Warning:</b> never run the same share on two stores (a copied data directory): the store
 * is what makes a nonce single-use.
 */
public final class Cosigner implements AutoCloseable {
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);

  private final CertifiedKey key;
  private final KeyPackage outputKey;
  private final PublicKeyPackage outputPublic;
  private final NonceSealer sealer;
  private final Store store;
  private final SigningWorkflow workflow;
  private final WalletContext wallet;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param key this cosigner's certified internal key (taken over: closed with the cosigner)
   * @param wallet the wallet id and network the policy decides under ({@link GroupWallet})
   */
  public Cosigner(CertifiedKey key, Store store, SigningWorkflow workflow, WalletContext wallet, Clock clock, SecureRandom random)
      throws FrostException {
    this.key = key;
    this.outputKey = key.outputKeyPackage();
    this.outputPublic = key.outputPublicKeyPackage();
    this.sealer = new NonceSealer(key.keyPackage().signingShare());
    this.store = store;
    this.workflow = workflow;
    this.wallet = wallet;
    this.clock = clock;
    this.random = random;
  }

  public Identifier identifier() {
    return outputKey.identifier();
  }

  /** The BIP341 output key (x-only, 32 bytes) funds are locked to. */
  public byte[] outputKey() {
    return outputPublic.groupKey().xOnly();
  }

  /** Round one: validates the request, stores sealed nonces UNUSED, returns their commitments. */
  public SigningCommitments commit(byte[] sessionId, byte[] psbtBytes, int inputIndex, TaprootTweak tweak)
      throws CosignerRefusedException, StoreException {
    requireSessionId(sessionId);
    Checked checked = check(psbtBytes, inputIndex, tweak);
    byte[] participant = identifier().encode();
    SigningNonces nonces;
    try {
      nonces = FROST.commit(outputKey, random);
    } catch (FrostException e) {
      throw new IllegalStateException("nonce generation failed: " + e.kind(), e);
    }
    try (nonces) {
      byte[] sealed = sealer.seal(nonces, sessionId, checked.psbtHash, random);
      if (store.read(tx -> tx.frostNonces(sessionId, participant)).isPresent()) {
        throw new CosignerRefusedException(CosignerRefusal.SESSION_EXISTS,
            "session " + hex(sessionId) + " already has round-one nonces for " + identifier());
      }
      // putFrostNonces never overwrites, so a concurrent round one for the same session fails here.
      store.write(tx -> {
        tx.putFrostNonces(StoredFrostNonces.unused(sessionId, participant, checked.psbtHash, sealed, clock.instant()));
        return null;
      });
      return nonces.commitments();
    }
  }

  /** Round two: validates everything (see the class comment), marks the nonces USED, returns the verified share. */
  public SignatureShare sign(byte[] sessionId, byte[] psbtBytes, int inputIndex, TaprootTweak tweak, SigningPackage pkg,
      String credential) throws CosignerRefusedException, StoreException {
    requireSessionId(sessionId);
    Checked checked = check(psbtBytes, inputIndex, tweak);
    if (!MessageDigest.isEqual(pkg.message(), checked.sighash.digest())) {
      throw new CosignerRefusedException(CosignerRefusal.MESSAGE_MISMATCH, "the signing package's message is not the BIP341 sighash of input "
          + inputIndex + " (" + hex(checked.sighash.digest()) + ")");
    }
    byte[] participant = identifier().encode();
    StoredFrostNonces stored = store.read(tx -> tx.frostNonces(sessionId, participant)).orElseThrow(() ->
        new CosignerRefusedException(CosignerRefusal.NONCE_UNKNOWN, "no round-one nonces for session " + hex(sessionId)));
    if (stored.state() == StoredFrostNonces.State.USED) {
      throw new CosignerRefusedException(CosignerRefusal.NONCE_USED, "the nonces of session " + hex(sessionId) + " were USED at "
          + stored.usedAt().map(Object::toString).orElse("?"));
    }
    if (!MessageDigest.isEqual(stored.psbtHash(), checked.psbtHash)) {
      throw new CosignerRefusedException(CosignerRefusal.PSBT_CHANGED, "session " + hex(sessionId) + " committed to PSBT "
          + hex(stored.psbtHash()) + ", not " + hex(checked.psbtHash));
    }
    SigningNonces nonces;
    try {
      nonces = sealer.open(stored.sealedNonces(), sessionId, identifier(), checked.psbtHash);
    } catch (FrostException e) {
      throw new IllegalStateException("stored nonces of session " + hex(sessionId) + " do not open: " + e.getMessage());
    }
    try (nonces) {
      checkPackage(pkg, nonces.commitments());
      // Computed in memory only: it leaves this method after the commit below, or never.
      SignatureShare share;
      try {
        share = FROST.sign(pkg, nonces, outputKey);
        FROST.verifySignatureShare(pkg, share, outputPublic);
      } catch (FrostException e) {
        throw new CosignerRefusedException(CosignerRefusal.SHARE_INVALID, e.getMessage());
      }
      Map<String, String> release = Map.of("wallet", wallet.walletId(), "credential", credential, "session", hex(sessionId),
          "input", Integer.toString(inputIndex), "participants", pkg.participants().toString());
      SigningWorkflow.Authorization granted;
      try {
        granted = workflow.authorize(checked.psbt, wallet, credential, MacaroonConstraints.NONE, 1, (tx, now, allowed) -> {
          markUsed(tx, sessionId, participant, checked.psbtHash, now);
          Map<String, String> fields = new java.util.HashMap<>(release);
          fields.put("txid", allowed.analysis().unsignedTxid());
          AuditTrail.append(tx, now, AuditType.FROST_SHARE_RELEASE.wireName(), fields);
        });
      } catch (NoncesTaken e) {
        throw new CosignerRefusedException(CosignerRefusal.NONCE_USED, e.getMessage());
      }
      if (granted.decision().verdict() != Verdict.ALLOW) {
        throw new CosignerRefusedException(CosignerRefusal.POLICY_DENIED, granted.decision().verdict() + " "
            + granted.decision().findings().stream().filter(f -> f.effect() != Finding.Effect.WARN)
                .map(f -> f.tag().value() + " (" + f.reason() + ")").collect(Collectors.joining(", ")));
      }
      return share;
    }
  }

  /**
   * Marks the nonces USED inside the authorizing transaction. Writers are serialized, so the state
   * read here is the one the update sees: a concurrent round two that already took them is refused
   * as {@link NoncesTaken}, which rolls back this decision and debit with it.
   */
  private static void markUsed(WriteTx tx, byte[] sessionId, byte[] participant, byte[] psbtHash, java.time.Instant now)
      throws StoreException {
    Optional<StoredFrostNonces> current = tx.frostNonces(sessionId, participant);
    if (current.isPresent() && current.get().state() == StoredFrostNonces.State.USED) {
      throw new NoncesTaken("the nonces of session " + hex(sessionId) + " were USED at "
          + current.get().usedAt().map(Object::toString).orElse("?"));
    }
    tx.markFrostNoncesUsed(sessionId, participant, psbtHash, now);
  }

  /** The nonces were taken by another round two between this one's read and its transaction. */
  private static final class NoncesTaken extends StoreException {
    NoncesTaken(String message) {
      super(message);
    }
  }

  private void checkPackage(SigningPackage pkg, SigningCommitments mine) throws CosignerRefusedException {
    Optional<SigningCommitments> theirs = pkg.commitmentsOf(identifier());
    if (theirs.isEmpty()) {
      throw new CosignerRefusedException(CosignerRefusal.COMMITMENT_MISSING, "the signing package has no commitment for " + identifier());
    }
    if (!theirs.get().equals(mine)) {
      throw new CosignerRefusedException(CosignerRefusal.COMMITMENT_ALTERED,
          "the signing package's commitment for " + identifier() + " is not the one this cosigner made");
    }
    if (pkg.participants().size() < outputKey.minSigners()) {
      throw new CosignerRefusedException(CosignerRefusal.PARTICIPANTS,
          "the signing package has " + pkg.participants().size() + " participants < threshold " + outputKey.minSigners());
    }
    for (Identifier id : pkg.participants()) {
      if (!outputPublic.verifyingShares().containsKey(id)) {
        throw new CosignerRefusedException(CosignerRefusal.PARTICIPANTS, "participant " + id + " is not in the group");
      }
    }
  }

  /** The checks both rounds make on the PSBT, the input and the tweak. */
  private Checked check(byte[] psbtBytes, int inputIndex, TaprootTweak tweak) throws CosignerRefusedException {
    if (!tweak.equals(TaprootTweak.keyPathOnly())) {
      throw new CosignerRefusedException(CosignerRefusal.UNKNOWN_TWEAK, "tweak with merkle root " + hex(tweak.merkleRoot())
          + " is not the key-path-only tweak this cosigner derives");
    }
    Psbt psbt;
    try {
      psbt = PsbtCodec.parse(psbtBytes);
    } catch (PsbtFormatException e) {
      throw new CosignerRefusedException(CosignerRefusal.PSBT_INVALID, e.getMessage());
    }
    TaprootKeyPathSighash sighash;
    try {
      sighash = TaprootKeyPathSighash.of(psbt, inputIndex, SigningOptions.DEFAULTS);
    } catch (SigningRefusedException e) {
      throw new CosignerRefusedException(CosignerRefusal.PSBT_INVALID, e.getMessage());
    }
    byte[] expected = outputKey();
    if (!Arrays.equals(sighash.outputKey().value.toByteArray(), expected)) {
      throw new CosignerRefusedException(CosignerRefusal.INPUT_NOT_OURS, "input " + inputIndex + " spends output key "
          + sighash.outputKey().value.toHex() + ", not the group's " + hex(expected));
    }
    PsbtInput in = psbt.inputs().get(inputIndex);
    GroupElement internal = key.publicKeyPackage().groupKey();
    if (in.tapInternalKey().isPresent() && !Arrays.equals(in.tapInternalKey().get().value.toByteArray(), internal.xOnly())) {
      throw new CosignerRefusedException(CosignerRefusal.INPUT_NOT_OURS, "input " + inputIndex
          + " names another PSBT_IN_TAP_INTERNAL_KEY than the group's " + hex(internal.xOnly()));
    }
    if (in.tapMerkleRoot().isPresent()) {
      throw new CosignerRefusedException(CosignerRefusal.UNKNOWN_TWEAK, "input " + inputIndex
          + " names a PSBT_IN_TAP_MERKLE_ROOT; the group key has no script path");
    }
    return new Checked(psbt, sha256(PsbtCodec.serialize(psbt)), sighash);
  }

  private static void requireSessionId(byte[] sessionId) throws CosignerRefusedException {
    if (sessionId == null || sessionId.length != 32) {
      throw new CosignerRefusedException(CosignerRefusal.PSBT_INVALID,
          "session id must be 32 bytes, got " + (sessionId == null ? 0 : sessionId.length));
    }
  }

  private static byte[] sha256(byte[] data) {
    return fr.acinq.bitcoin.Crypto.sha256(data);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private record Checked(Psbt psbt, byte[] psbtHash, TaprootKeyPathSighash sighash) {}

  @Override
  public void close() {
    sealer.close();
    outputKey.close();
    key.close();
  }
}
