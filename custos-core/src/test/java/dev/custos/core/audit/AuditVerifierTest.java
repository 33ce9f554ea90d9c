package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.seal.FixedSecureRandom;
import fr.acinq.bitcoin.ByteVector32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier accepts an intact log and names the first broken record for every kind of damage:
 * each single-field mutation of each record, deletion, insertion, reordering, forged or misplaced
 * checkpoints, and a foreign key.
 */
class AuditVerifierTest {
  private static final int SIZE = 45;
  private static final int INTERVAL = 10;
  private static AuditKey key;
  private static AuditKey attacker;
  private static List<AuditRecord> log;

  @BeforeAll
  static void buildLog() {
    key = AuditChains.key(1);
    attacker = AuditChains.key(2);
    log = AuditChains.build(SIZE, INTERVAL, key, new FixedSecureRandom(0));
  }

  @AfterAll
  static void closeKeys() {
    key.close();
    attacker.close();
  }

  private static AuditVerification verify(List<AuditRecord> records) {
    return AuditVerifier.verify(records.iterator(), Optional.of(key.publicKey()));
  }

  @Test
  void intactLogVerifiesAndReportsItsUnsealedTail() {
    AuditVerification v = verify(log);
    assertThat(v.ok()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(45);
    assertThat(v.checkpointsChecked()).isEqualTo(4);
    assertThat(v.lastSeq()).hasValue(44);
    assertThat(v.unsealedTail()).isEqualTo(4);
    assertThat(v.checkpointKey()).contains(key.publicKey());
    assertThat(v.firstBrokenSeq()).isEmpty();
    assertThat(v.reason()).isEmpty();
  }

  @Test
  void emptyLogVerifies() {
    AuditVerification v = AuditVerifier.verify(Collections.emptyIterator(), Optional.empty());
    assertThat(v).isEqualTo(new AuditVerification(true, 0, 0, java.util.OptionalLong.empty(), 0, Optional.empty(),
        java.util.OptionalLong.empty(), Optional.empty()));
  }

  @Test
  void withoutAnExpectedKeyTheFirstCheckpointsKeyIsReported() {
    AuditVerification v = AuditVerifier.verify(log.iterator(), Optional.empty());
    assertThat(v.ok()).isTrue();
    assertThat(v.checkpointKey()).contains(key.publicKey());
  }

  @Test
  void verifiesAMillionRecordsStreamedFromAGenerator() {
    Iterator<AuditRecord> generated = new Iterator<>() {
      private AuditRecord head;
      private long made;

      @Override
      public boolean hasNext() {
        return made < 1_000_000;
      }

      @Override
      public AuditRecord next() {
        head = AuditCheckpoints.isDue(head, 10_000)
            ? AuditCheckpoints.create(head, AuditChains.T0, key, new FixedSecureRandom((int) made))
            : AuditRecord.next(head, AuditChains.T0, "psbt.request", Map.of("n", Long.toString(made)));
        made++;
        return head;
      }
    };
    AuditVerification v = AuditVerifier.verify(generated, Optional.of(key.publicKey()));
    assertThat(v.ok()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(1_000_000);
    assertThat(v.checkpointsChecked()).isEqualTo(99);
    assertThat(v.unsealedTail()).isEqualTo(9_999);
  }

  /** One mutation of one field of a record, keeping the record's stored hash. */
  record Mutation(String name, UnaryOperator<AuditRecord> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation("time", r -> copy(r.seq(), r.time().plusNanos(1), r.type(), r.fields(), r.prevHash(), r.hash())),
        new Mutation("type", r -> copy(r.seq(), r.time(), r.type() + "x", r.fields(), r.prevHash(), r.hash())),
        new Mutation("field value", r -> copy(r.seq(), r.time(), r.type(), changedValue(r.fields()), r.prevHash(), r.hash())),
        new Mutation("field added", r -> copy(r.seq(), r.time(), r.type(), with(r.fields(), "extra", "1"), r.prevHash(), r.hash())),
        new Mutation("field removed", r -> copy(r.seq(), r.time(), r.type(), without(r.fields()), r.prevHash(), r.hash())),
        new Mutation("prevHash", r -> copy(r.seq(), r.time(), r.type(), r.fields(), flip(r.prevHash()), r.hash())),
        new Mutation("hash", r -> copy(r.seq(), r.time(), r.type(), r.fields(), r.prevHash(), flip(r.hash()))),
        new Mutation("seq+1", r -> copy(r.seq() + 1, r.time(), r.type(), r.fields(), r.prevHash(), r.hash())));
  }

  static Stream<Arguments> everyRecordAndMutation() {
    return mutations().flatMap(m -> Stream.iterate(0, p -> p < SIZE, p -> p + 1).map(p -> Arguments.of(m, p)));
  }

  @ParameterizedTest(name = "{0} of record {1}")
  @MethodSource("everyRecordAndMutation")
  void everySingleFieldMutationIsDetectedAtThatRecord(Mutation mutation, int position) {
    List<AuditRecord> damaged = new ArrayList<>(log);
    damaged.set(position, mutation.apply().apply(log.get(position)));
    AuditVerification v = verify(damaged);
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).hasValue(position);
    assertThat(v.recordsChecked()).isEqualTo(position);
    assertThat(v.reason().orElseThrow()).isEqualTo(mutation.name().equals("seq+1")
        ? "record " + (position + 1) + ": sequence gap (expected " + position + ")"
        : "record " + position + ": hash does not match its contents");
  }

  @Test
  void aRecordRewrittenWithAFreshHashBreaksTheNextLink() {
    List<AuditRecord> damaged = new ArrayList<>(log);
    damaged.set(17, AuditChains.rehashed(log.get(16), log.get(17), changedValue(log.get(17).fields())));
    assertThat(verify(damaged).reason()).contains("record 18: prevHash does not match record 17");
  }

  @Test
  void aRewrittenRecordBeforeACheckpointBreaksTheCheckpointLink() {
    List<AuditRecord> damaged = new ArrayList<>(log);
    damaged.set(19, AuditChains.rehashed(log.get(18), log.get(19), changedValue(log.get(19).fields())));
    damaged.set(20, AuditChains.rehashed(damaged.get(19), log.get(20), log.get(20).fields()));
    AuditVerification v = verify(damaged);
    assertThat(v.firstBrokenSeq()).hasValue(20);
    assertThat(v.reason()).contains("record 20: checkpoint covers a hash that is not record 19's");
  }

  @Test
  void aRecordWithAWrongSeqButCorrectHashIsASequenceError() {
    List<AuditRecord> damaged = new ArrayList<>(log.subList(0, 5));
    damaged.add(AuditRecord.next(log.get(5), AuditChains.T0, "psbt.request", Map.of()));
    assertThat(verify(damaged).reason()).contains("record 6: sequence gap (expected 5)");
  }

  @Test
  void deletionIsDetectedAtTheMissingRecord() {
    for (int p = 0; p < SIZE - 1; p++) {
      List<AuditRecord> damaged = new ArrayList<>(log);
      damaged.remove(p);
      AuditVerification v = verify(damaged);
      assertThat(v.firstBrokenSeq()).as("record %d deleted", p).hasValue(p);
      assertThat(v.reason()).contains("record " + (p + 1) + ": sequence gap (expected " + p + ")");
    }
  }

  @Test
  void insertionOfACopiedRecordIsDetectedWhereItWasInserted() {
    for (int p = 1; p < SIZE; p++) {
      List<AuditRecord> damaged = new ArrayList<>(log);
      damaged.add(p, log.get(p - 1));
      AuditVerification v = verify(damaged);
      assertThat(v.firstBrokenSeq()).as("copy of %d inserted", p - 1).hasValue(p);
      assertThat(v.reason()).contains("record " + (p - 1) + ": sequence out of order (expected " + p + ")");
    }
  }

  @Test
  void insertionOfAWellFormedRecordIsDetectedAtTheRecordItDisplaced() {
    List<AuditRecord> damaged = new ArrayList<>(log);
    damaged.add(12, AuditChains.event(log.get(11), 999));
    AuditVerification v = verify(damaged);
    assertThat(v.firstBrokenSeq()).hasValue(13);
    assertThat(v.reason()).contains("record 12: sequence out of order (expected 13)");
  }

  @Test
  void reorderingIsDetectedAtTheFirstMovedRecord() {
    for (int p = 0; p < SIZE - 1; p++) {
      List<AuditRecord> damaged = new ArrayList<>(log);
      Collections.swap(damaged, p, p + 1);
      assertThat(verify(damaged).firstBrokenSeq()).as("%d swapped with %d", p, p + 1).hasValue(p);
    }
  }

  @Test
  void truncatingTheTailIsNotDetectedButShowsInTheCounts() {
    AuditVerification v = verify(log.subList(0, 41));
    assertThat(v.ok()).isTrue();
    assertThat(v.lastSeq()).hasValue(40);
    assertThat(v.unsealedTail()).isZero();
  }

  @Test
  void theFirstRecordMustFollowTheGenesisValue() {
    AuditRecord genesis = log.getFirst();
    ByteVector32 prev = flip(AuditRecord.GENESIS_PREV);
    AuditRecord bad = new AuditRecord(0, genesis.time(), genesis.type(), genesis.fields(), prev, ByteVector32.Zeroes);
    AuditRecord rehashed = copy(0, bad.time(), bad.type(), bad.fields(), prev,
        new ByteVector32(fr.acinq.bitcoin.Crypto.sha256(bad.canonicalBytes())));
    assertThat(verify(List.of(rehashed)).reason()).contains("record 0: prevHash is not the genesis value (32 zero bytes)");
  }

  @Test
  void aCheckpointCannotBeTheFirstRecord() {
    AuditRecord first = AuditRecord.next(null, AuditChains.T0, "audit.checkpoint", log.get(10).fields());
    assertThat(verify(List.of(first)).reason()).contains("record 0: a checkpoint cannot be the first record");
  }

  @Test
  void aNullRecordIsReportedWhereItStands() {
    List<AuditRecord> damaged = new ArrayList<>(log);
    damaged.set(3, null);
    assertThat(verify(damaged).reason()).contains("record 3: missing (null)");
  }

  @Test
  void aForgedSignatureIsRejected() {
    for (int bit = 0; bit < 512; bit += 13) {
      AuditVerification v = verify(withCheckpointField(30, "sig", flipHexBit(log.get(30).fields().get("sig"), bit)));
      assertThat(v.firstBrokenSeq()).as("bit %d", bit).hasValue(30);
      assertThat(v.reason()).contains("record 30: checkpoint signature invalid");
    }
  }

  @Test
  void aSignatureOverAnotherHeadIsRejected() {
    List<AuditRecord> damaged = withCheckpointField(30, "sig", log.get(20).fields().get("sig"));
    assertThat(verify(damaged).reason()).contains("record 30: checkpoint signature invalid");
  }

  @Test
  void aKeyThatIsNotAPointIsAnInvalidSignature() {
    List<AuditRecord> damaged = withCheckpointField(10, "key", "ff".repeat(32));
    AuditVerification v = AuditVerifier.verify(damaged.iterator(), Optional.empty());
    assertThat(v.reason()).contains("record 10: checkpoint signature invalid");
  }

  @Test
  void aCheckpointByAnotherKeyIsRejected() {
    List<AuditRecord> forged = new ArrayList<>(log.subList(0, 20));
    forged.add(AuditCheckpoints.create(forged.getLast(), AuditChains.T0, attacker, new FixedSecureRandom(3)));
    AuditVerification v = verify(forged);
    assertThat(v.firstBrokenSeq()).hasValue(20);
    assertThat(v.reason()).contains("record 20: checkpoint key differs from the wallet's audit key");
    assertThat(v.checkpointsChecked()).isEqualTo(1);
  }

  @Test
  void withoutAnExpectedKeyAllCheckpointsMustShareTheFirstOnesKey() {
    List<AuditRecord> forged = new ArrayList<>(log.subList(0, 20));
    forged.add(AuditCheckpoints.create(forged.getLast(), AuditChains.T0, attacker, new FixedSecureRandom(3)));
    AuditVerification v = AuditVerifier.verify(forged.iterator(), Optional.empty());
    assertThat(v.reason()).contains("record 20: checkpoint key differs from the key of the first checkpoint (record 10)");
  }

  @Test
  void aFullyRewrittenLogIsOnlyCaughtByThePinnedKey() {
    List<AuditRecord> rewritten = AuditChains.build(SIZE, INTERVAL, attacker, new FixedSecureRandom(0));
    AuditVerification trustOnFirstUse = AuditVerifier.verify(rewritten.iterator(), Optional.empty());
    assertThat(trustOnFirstUse.ok()).isTrue();
    assertThat(trustOnFirstUse.checkpointKey()).contains(attacker.publicKey()).isNotEqualTo(Optional.of(key.publicKey()));
    assertThat(verify(rewritten).reason()).contains("record 10: checkpoint key differs from the wallet's audit key");
  }

  @Test
  void checkpointFieldsAreCheckedOneByOne() {
    assertThat(verify(withCheckpointField(10, "coversSeq", "8")).reason())
        .contains("record 10: checkpoint covers seq 8, not 9");
    assertThat(verify(withCheckpointField(10, "coversSeq", "09")).reason())
        .contains("record 10: checkpoint covers seq 09, not 9");
    assertThat(verify(withCheckpointField(10, "coversSeq", "nine")).reason())
        .contains("record 10: checkpoint covers seq (not a decimal number), not 9");
    assertThat(verify(withCheckpointField(10, "covers", log.get(8).hash().toHex())).reason())
        .contains("record 10: checkpoint covers a hash that is not record 9's");
    assertThat(verify(withCheckpointField(10, "key", key.publicKey().value.toHex().toUpperCase())).reason())
        .contains("record 10: checkpoint key is not 32 bytes of lowercase hex");
    assertThat(verify(withCheckpointField(10, "sig", "00")).reason())
        .contains("record 10: checkpoint signature is not 64 bytes of lowercase hex");
    assertThat(verify(withCheckpointField(10, "note", "hello")).reason())
        .contains("record 10: checkpoint fields must be exactly covers, coversSeq, key, sig");
  }

  @Test
  void theBrokenRecordsCountsDescribeTheIntactPrefix() {
    AuditVerification v = verify(withCheckpointField(30, "sig", "00".repeat(64)));
    assertThat(v.ok()).isFalse();
    assertThat(v.recordsChecked()).isEqualTo(30);
    assertThat(v.checkpointsChecked()).isEqualTo(2);
    assertThat(v.lastSeq()).hasValue(29);
    assertThat(v.unsealedTail()).isEqualTo(9);
  }

  /** The log up to checkpoint {@code position}, whose field is set and which is rehashed. */
  private static List<AuditRecord> withCheckpointField(int position, String name, String value) {
    AuditRecord checkpoint = log.get(position);
    assertThat(checkpoint.type()).isEqualTo("audit.checkpoint");
    List<AuditRecord> damaged = new ArrayList<>(log.subList(0, position));
    damaged.add(AuditChains.rehashed(log.get(position - 1), checkpoint, with(checkpoint.fields(), name, value)));
    return damaged;
  }

  private static AuditRecord copy(long seq, java.time.Instant time, String type,
      Map<String, String> fields, ByteVector32 prevHash, ByteVector32 hash) {
    return new AuditRecord(seq, time, type, new TreeMap<>(fields), prevHash, hash);
  }

  private static Map<String, String> changedValue(Map<String, String> fields) {
    String name = fields.keySet().iterator().next();
    return with(fields, name, fields.get(name) + "0");
  }

  private static Map<String, String> with(Map<String, String> fields, String name, String value) {
    TreeMap<String, String> m = new TreeMap<>(fields);
    m.put(name, value);
    return m;
  }

  private static Map<String, String> without(Map<String, String> fields) {
    TreeMap<String, String> m = new TreeMap<>(fields);
    m.pollFirstEntry();
    return m;
  }

  private static ByteVector32 flip(ByteVector32 v) {
    byte[] b = v.toByteArray();
    b[31] ^= 1;
    return new ByteVector32(b);
  }

  private static String flipHexBit(String hex, int bit) {
    byte[] b = HexFormat.of().parseHex(hex);
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return HexFormat.of().formatHex(b);
  }
}
