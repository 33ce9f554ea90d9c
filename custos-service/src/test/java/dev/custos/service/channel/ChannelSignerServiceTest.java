package dev.custos.service.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.ln.signer.ChannelOutcome;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.ln.signer.NodeIdentity;
import dev.custos.core.ln.signer.ProposedTransaction;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import dev.custos.store.StoredChannel;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alice's channel signer runs through the service on SQLite; Bob is a bare core signer the test
 * drives as a peer. Checks the debit-before-sign ordering: every applied transition is stored and
 * audited in the transaction that precedes the reply, a refusal is audited and changes nothing,
 * and a failure at commit never lets a signature or a secret out.
 */
class ChannelSignerServiceTest {
  static final ChannelId ID = ChannelId.fromHex("5a".repeat(32));
  static final long FUNDING_SAT = 5_000_000;
  static final ByteVector WALLET = Bolt3Scripts.p2wpkh(fr.acinq.bitcoin.PrivateKey.fromHex("11".repeat(32)).publicKey());
  static final SignerLimits LIMITS = SignerLimits.defaults(Set.of(WALLET));
  static final ChannelId OTHER = ChannelId.fromHex("77".repeat(32));
  static final ChannelId THIRD = ChannelId.fromHex("33".repeat(32));
  static final ByteVector32 HASH = new ByteVector32("c1".repeat(32));
  static final Instant LEDGER_NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir
  Path dir;
  Store store;
  NodeSecretKeySource aliceKeys;
  ChannelKeys bob;
  Optional<ChannelState> bobState = Optional.empty();
  ChannelSigner alice;
  Transaction fundingTx;

  @BeforeEach
  void open() throws Exception {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
    aliceKeys = new NodeSecretKeySource(SecretBytes.copyOf(filled(0xa1)));
    bob = ChannelKeys.derive(SecretBytes.copyOf(filled(0xb2)), ID);
    alice = new ChannelSigner(store, aliceKeys, LIMITS, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC), NoPayments.approvals(store));
    try (ChannelKeys a = aliceKeys.keys(ID)) {
      ByteVector script = Bolt3Scripts.funding(a.publicKeys().fundingPubkey(), bob.publicKeys().fundingPubkey());
      fundingTx = new Transaction(2, List.of(new TxIn(new OutPoint(new TxId(new ByteVector32("aa".repeat(32))), 0), new byte[0], 0)),
          List.of(new TxOut(new Satoshi(FUNDING_SAT), Bolt3Scripts.p2wsh(script))), 0);
      alice.execute(setupFor(Side.HOLDER, bob));
      bobState = Optional.of(applied(dev.custos.core.ln.signer.ChannelSigner.apply(Optional.empty(), setupFor(Side.COUNTERPARTY, a),
          bob, LIMITS, NoPayments.LEDGER)).state());
    }
    exchange(0, FUNDING_SAT * 1000, 0);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    aliceKeys.close();
    bob.close();
  }

  static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }

  ChannelCommand.SetupChannel setupFor(Side funder, ChannelKeys peer) {
    return new ChannelCommand.SetupChannel(ID, new OutPoint(fundingTx, 0), new Satoshi(FUNDING_SAT), new byte[] {0x10, 0x00},
        funder, 144, new Satoshi(546), peer.publicKeys(), 144, new Satoshi(546), Optional.empty(), Optional.empty());
  }

  static CommitmentSpec spec(long n, long local, long remote) {
    return new CommitmentSpec(n, new FeeratePerKw(2500), new MilliSatoshi(local), new MilliSatoshi(remote), List.of());
  }

  ChannelReply bobRun(ChannelCommand c) {
    ChannelOutcome.Applied a = applied(dev.custos.core.ln.signer.ChannelSigner.apply(bobState, c, bob, LIMITS, NoPayments.LEDGER));
    bobState = Optional.of(a.state());
    return a.reply();
  }

  static ChannelOutcome.Applied applied(ChannelOutcome o) {
    if (o instanceof ChannelOutcome.Refused r) {
      throw new AssertionError(r.rule().tag() + ": " + r.reason());
    }
    return (ChannelOutcome.Applied) o;
  }

  static ChannelCommand.SignCounterpartyCommitment signCommand(ChannelParameters params, CommitmentSpec spec, PublicKey point) {
    CommitmentTransaction ct = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec, point);
    ByteVector out = Bolt3Scripts.toLocal(ct.keys().revocationKey(), params.counterparty().toSelfDelay(), ct.keys().localDelayedKey());
    return new ChannelCommand.SignCounterpartyCommitment(ID, spec, point,
        new ProposedTransaction(ct.tx(), ct.outputs().stream().map(o -> o.witnessScript()).toList()),
        HtlcTransactions.build(params, ct).stream().map(h -> new ProposedTransaction(h.tx(), List.of(out))).toList());
  }

  ChannelState aliceState() throws StoreException {
    StoredChannel row = store.<Optional<StoredChannel>>read(tx -> tx.channel(ID.value().toByteArray())).orElseThrow();
    try {
      return ChannelStateCodec.decode(row.state());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  long aliceVersion() throws StoreException {
    return store.<Optional<StoredChannel>>read(tx -> tx.channel(ID.value().toByteArray())).orElseThrow().version();
  }

  /** Alice signs Bob's commitment n, Bob validates; Bob signs Alice's n, Alice validates (no revocation). */
  void exchange(long n, long aliceMsat, long bobMsat) throws Exception {
    PublicKey bobPoint;
    PublicKey alicePoint;
    try (ChannelKeys a = aliceKeys.keys(ID)) {
      alicePoint = a.perCommitmentPoint(n);
    }
    bobPoint = bob.perCommitmentPoint(n);
    var ours = (ChannelReply.CommitmentSignatures) alice.execute(signCommand(aliceState().params(), spec(n, bobMsat, aliceMsat), bobPoint));
    bobRun(new ChannelCommand.ValidateHolderCommitment(ID, spec(n, bobMsat, aliceMsat), ours.signature(), ours.htlcSignatures()));
    var theirs = (ChannelReply.CommitmentSignatures) bobRun(signCommand(bobState.get().params(), spec(n, aliceMsat, bobMsat), alicePoint));
    alice.execute(new ChannelCommand.ValidateHolderCommitment(ID, spec(n, aliceMsat, bobMsat), theirs.signature(), theirs.htlcSignatures()));
  }

  List<AuditRecord> audit() throws StoreException {
    return store.read(tx -> tx.auditRecords(0, 1000));
  }

  @Test
  void everyTransitionIsStoredAndAuditedBeforeItsReplyReturns() throws Exception {
    assertThat(aliceVersion()).isEqualTo(3);
    exchange(1, FUNDING_SAT * 1000 - 1_000_000, 1_000_000);
    String secretHex;
    try (var r = (ChannelReply.HolderRevocation) alice.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0))) {
      secretHex = r.secret().use(s -> HexFormat.of().formatHex(s));
      try (ChannelKeys a = aliceKeys.keys(ID)) {
        assertThat(KeyDerivation.publicKeyOf(r.secret())).isEqualTo(a.perCommitmentPoint(0));
      }
    }
    assertThat(aliceState().holderRevoked()).isEqualTo(1);
    assertThat(aliceVersion()).isEqualTo(6);
    List<AuditRecord> records = audit();
    AuditRecord last = records.getLast();
    assertThat(last.type()).isEqualTo("channel.operation");
    assertThat(last.fields()).containsEntry("operation", "RevokeHolderCommitment").containsEntry("commitment", "0")
        .containsEntry("stateVersion", "6").containsEntry("channel", ID.toHex());
    assertThat(records).allSatisfy(rec -> assertThat(rec.fields().values()).noneMatch(v -> v.contains(secretHex)));
  }

  /**
   * The signer work is done before the write transaction; when another writer changed the row in
   * between, the precomputed outcome must be dropped and the command applied again to the new row
   * (here: the revocation became a retry, which stores no new version).
   */
  @Test
  void aRowChangedAfterThePrecomputationIsAppliedAgain() throws Exception {
    exchange(1, FUNDING_SAT * 1000 - 1_000_000, 1_000_000);
    long version = aliceVersion();
    InterleavingStore interleaving = new InterleavingStore(store);
    ChannelSigner second = new ChannelSigner(interleaving, aliceKeys, LIMITS,
        Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC), NoPayments.approvals(store));
    interleaving.interleave(() -> ((AutoCloseable) alice.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0))).close());
    try (var r = (ChannelReply.HolderRevocation) second.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0))) {
      assertThat(r.number()).isZero();
    }
    assertThat(aliceVersion()).isEqualTo(version + 1);
    assertThat(audit().subList(audit().size() - 2, audit().size())).allSatisfy(rec -> assertThat(rec.fields())
        .containsEntry("operation", "RevokeHolderCommitment").containsEntry("stateVersion", Long.toString(version + 1)));
  }

  @Test
  void aChannelAnnouncementIsSignedAuditedAndChangesNoState() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    try (NodeIdentity node = NodeIdentity.of(Network.REGTEST, SecretBytes.copyOf(filled(0x5a)));
        ChannelKeys a = aliceKeys.keys(ID)) {
      ChannelSigner announcing = new ChannelSigner(store, aliceKeys, node, LIMITS, clock, NoPayments.approvals(store));
      PublicKey bobNode = fr.acinq.bitcoin.PrivateKey.fromHex("6b".repeat(32)).publicKey();
      byte[] message = announcement(Block.RegtestGenesisBlock.hash.value.toByteArray(), node.nodeId(), bobNode,
          a.publicKeys().fundingPubkey(), bob.publicKeys().fundingPubkey());
      long version = aliceVersion();

      var sigs = (ChannelReply.AnnouncementSignatures) announcing.execute(new ChannelCommand.SignChannelAnnouncement(ID, message));

      byte[] digest = Crypto.sha256(Crypto.sha256(message));
      Secp256k1 secp = Secp256k1.Companion.get();
      assertThat(secp.verify(secp.der2compact(sigs.nodeSignature().toByteArray()), digest, node.nodeId().value.toByteArray())).isTrue();
      assertThat(secp.verify(secp.der2compact(sigs.bitcoinSignature().toByteArray()), digest,
          a.publicKeys().fundingPubkey().value.toByteArray())).isTrue();
      assertThat(aliceVersion()).isEqualTo(version);
      assertThat(audit().getLast().fields()).containsEntry("operation", "SignChannelAnnouncement")
          .containsEntry("stateVersion", Long.toString(version));

      byte[] mainnet = announcement(Block.LivenetGenesisBlock.hash.value.toByteArray(), node.nodeId(), bobNode,
          a.publicKeys().fundingPubkey(), bob.publicKeys().fundingPubkey());
      assertThatThrownBy(() -> announcing.execute(new ChannelCommand.SignChannelAnnouncement(ID, mainnet)))
          .isInstanceOfSatisfying(ChannelRefusedException.class, e -> assertThat(e.rule()).isEqualTo(LnPolicy.ANNOUNCEMENT_CHAIN_HASH));
      assertThat(audit().getLast().type()).isEqualTo("channel.refusal");
      assertThat(audit().getLast().fields()).containsEntry("tag", "policy-announcement-chain-hash");
      assertThatThrownBy(() -> alice.execute(new ChannelCommand.SignChannelAnnouncement(ID, message)))
          .isInstanceOfSatisfying(ChannelRefusedException.class, e -> assertThat(e.rule()).isEqualTo(LnPolicy.GENERIC_ERROR));
      assertThat(aliceVersion()).isEqualTo(version);
    }
  }

  /** Alice's stored state with a holder commitment that carries {@code htlcs}, stored as {@code id}. */
  void storeAs(ChannelId id, long version, List<Htlc> htlcs) throws StoreException {
    ChannelState s = aliceState();
    CommitmentSpec h = s.holderSpec().orElseThrow();
    ChannelState with = new ChannelState(id, s.params(), s.holderShutdownScript(), s.counterpartyShutdownScript(),
        s.nextHolderNumber(), s.holderRevoked(), Optional.of(new CommitmentSpec(h.commitmentNumber(), h.feerate(),
            h.toLocal(), h.toRemote(), htlcs)), s.nextCounterpartyNumber(), s.counterpartyRevoked(),
        s.counterpartyUnrevoked(), s.counterpartySecrets(), s.closingSigned());
    store.write(tx -> {
      tx.putChannel(new StoredChannel(id.value().toByteArray(), version, ChannelStateCodec.encode(with), LEDGER_NOW));
      return null;
    });
  }

  static Htlc received(long msat) {
    return new Htlc(HtlcDirection.RECEIVED, new MilliSatoshi(msat), HASH, 500_000);
  }

  RecordedLedger snapshot(DecodedStates cache) throws StoreException {
    return store.read(tx -> {
      RecordedLedger r = new RecordedLedger(new StoredPaymentLedger(tx, OTHER, NoPayments.approvals(store), LEDGER_NOW, cache), LEDGER_NOW);
      assertThat(r.receivedElsewhereMsat(HASH)).isEqualTo(7_000);
      return r;
    });
  }

  boolean sameAnswers(RecordedLedger early, DecodedStates cache) throws StoreException {
    return store.read(tx -> early.sameAnswers(new StoredPaymentLedger(tx, OTHER, NoPayments.approvals(store), LEDGER_NOW, cache)));
  }

  /**
   * The node-wide payment view across channels, and the cheap re-check of a precomputed outcome's
   * answers in the write transaction: settled by versions when no other channel changed, asked
   * again when one did.
   */
  @Test
  void paymentAnswersSumOtherChannelsAndSurviveOnlyWhileThoseChannelsAreUnchanged() throws Exception {
    DecodedStates cache = new DecodedStates();
    storeAs(THIRD, 1, List.of(received(3_000)));
    storeAs(OTHER, 1, List.of(received(99_000)));
    RecordedLedger early;
    // ID (Alice's channel, version 3 after setup) is re-stored at version 4 with 4,000 msat received.
    storeAs(ID, aliceVersion() + 1, List.of(received(4_000)));
    early = snapshot(cache);
    assertThat(sameAnswers(early, cache)).isTrue();

    storeAs(OTHER, 2, List.of());
    assertThat(sameAnswers(early, cache)).as("the operation's own channel is not part of its answers").isTrue();

    storeAs(THIRD, 2, List.of(received(3_000)));
    assertThat(sameAnswers(early, cache)).as("another channel changed version, same HTLCs: asked again, same answer").isTrue();

    storeAs(THIRD, 3, List.of(received(2_999)));
    assertThat(sameAnswers(early, cache)).as("another channel now holds 1 msat less for the hash").isFalse();
  }

  long receivedElsewhere(DecodedStates cache) throws StoreException {
    return store.read(tx -> new StoredPaymentLedger(tx, OTHER, NoPayments.approvals(store), LEDGER_NOW, cache)
        .receivedElsewhereMsat(HASH));
  }

  void rememberCommitted(DecodedStates cache, ChannelId id) throws Exception {
    StoredChannel row = store.<Optional<StoredChannel>>read(tx -> tx.channel(id.value().toByteArray())).orElseThrow();
    cache.rememberCommitted(new DecodedStates.Decoded(id, row.version(), row.state(), ChannelStateCodec.decode(row.state())));
  }

  /** Committed versions the cache knows answer without reading rows, but only for that exact version. */
  @Test
  void aCommittedVersionInTheCacheAnswersOnlyForThatVersion() throws Exception {
    DecodedStates cache = new DecodedStates();
    storeAs(ID, aliceVersion() + 1, List.of(received(4_000)));
    storeAs(THIRD, 1, List.of(received(3_000)));
    rememberCommitted(cache, ID);
    rememberCommitted(cache, THIRD);
    assertThat(receivedElsewhere(cache)).isEqualTo(7_000);
    storeAs(THIRD, 2, List.of(received(2_000)));
    assertThat(receivedElsewhere(cache)).as("THIRD moved to a version the cache does not know").isEqualTo(6_000);
    rememberCommitted(cache, THIRD);
    storeAs(ID, aliceVersion() + 1, List.of(received(1_000)));
    assertThat(receivedElsewhere(cache)).isEqualTo(3_000);
  }

  /** BOLT 7 unsigned {@code channel_announcement}: no features, scid 120x1x0, node ids ascending. */
  static byte[] announcement(byte[] chainHash, PublicKey ourNode, PublicKey theirNode, PublicKey ourFunding,
      PublicKey theirFunding) {
    boolean oursFirst = Arrays.compareUnsigned(ourNode.value.toByteArray(), theirNode.value.toByteArray()) < 0;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0});
    out.writeBytes(chainHash);
    out.writeBytes(HexFormat.of().parseHex("0000780000010000"));
    for (PublicKey k : oursFirst ? List.of(ourNode, theirNode, ourFunding, theirFunding)
        : List.of(theirNode, ourNode, theirFunding, ourFunding)) {
      out.writeBytes(k.value.toByteArray());
    }
    return out.toByteArray();
  }

  @Test
  void refusalIsAuditedAndChangesNothing() throws Exception {
    long version = aliceVersion();
    ChannelState before = aliceState();
    assertThatThrownBy(() -> alice.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0)))
        .isInstanceOfSatisfying(ChannelRefusedException.class, e -> assertThat(e.rule()).isEqualTo(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED))
        .hasMessageContaining("policy-revoke-new-commitment-signed");
    assertThat(aliceVersion()).isEqualTo(version);
    assertThat(aliceState()).isEqualTo(before);
    AuditRecord last = audit().getLast();
    assertThat(last.type()).isEqualTo("channel.refusal");
    assertThat(last.fields()).containsEntry("tag", "policy-revoke-new-commitment-signed").containsEntry("commitment", "0");
  }

  @Test
  void aCrashAtCommitNeverReleasesTheSecretNorRecordsTheRevocation() throws Exception {
    exchange(1, FUNDING_SAT * 1000 - 1_000_000, 1_000_000);
    long version = aliceVersion();
    int records = audit().size();
    CommitFailingStore failing = new CommitFailingStore(store);
    ChannelSigner crashing = new ChannelSigner(failing, aliceKeys, LIMITS, Clock.systemUTC(), NoPayments.approvals(failing));

    assertThatThrownBy(() -> crashing.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0)))
        .isInstanceOf(StoreException.class).hasMessageContaining("simulated crash");
    var computed = (ChannelOutcome.Applied) failing.lastComputed;
    var unreleased = (ChannelReply.HolderRevocation) computed.reply();
    assertThat(unreleased.secret().isDestroyed()).as("the computed secret was zeroized").isTrue();
    assertThat(aliceState().holderRevoked()).isZero();
    assertThat(aliceVersion()).isEqualTo(version);
    assertThat(audit()).hasSize(records);

    try (var r = (ChannelReply.HolderRevocation) alice.execute(new ChannelCommand.RevokeHolderCommitment(ID, 0))) {
      assertThat(r.number()).isZero();
    }
    assertThat(aliceState().holderRevoked()).isEqualTo(1);
  }

  @Test
  void aCrashAtCommitNeverReleasesACounterpartySignature() throws Exception {
    CommitFailingStore failing = new CommitFailingStore(store);
    ChannelSigner crashing = new ChannelSigner(failing, aliceKeys, LIMITS, Clock.systemUTC(), NoPayments.approvals(failing));
    long version = aliceVersion();
    var cmd = signCommand(aliceState().params(), spec(1, 1_000_000, FUNDING_SAT * 1000 - 1_000_000), bob.perCommitmentPoint(1));
    assertThatThrownBy(() -> crashing.execute(cmd)).isInstanceOf(StoreException.class);
    assertThat(aliceState().nextCounterpartyNumber()).isEqualTo(1);
    assertThat(aliceVersion()).isEqualTo(version);
  }
}
