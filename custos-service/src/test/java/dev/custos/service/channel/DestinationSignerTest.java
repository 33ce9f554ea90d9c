package dev.custos.service.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DestinationSigner}: a signature leaves only after its {@code channel.operation} record is
 * committed; a refusal is audited as {@code channel.refusal} with its tag; a failing commit
 * releases nothing.
 */
class DestinationSignerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final long AMOUNT = 100_000;

  @TempDir Path dir;
  private Store store;
  private final SecretBytes key = SecretBytes.copyOf(filled(0x3c));
  private final ByteVector ours = Bolt3Scripts.p2wpkh(KeyDerivation.publicKeyOf(key));
  private final SignerLimits limits = SignerLimits.defaults(Set.of(ours));

  @BeforeEach
  void open() throws StoreException {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
  }

  @AfterEach
  void close() throws StoreException {
    store.close();
    key.close();
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }

  private static Transaction sweep(ByteVector to) {
    return new Transaction(2, List.of(new TxIn(new OutPoint(new TxId(new ByteVector32("cd".repeat(32))), 3), new byte[0],
        0xfffffffdL)), List.of(new TxOut(new Satoshi(AMOUNT - 500), to)), 0);
  }

  private List<AuditRecord> audit() throws StoreException {
    return store.read(tx -> tx.auditRecords(0, 1000));
  }

  @Test
  void signsAfterAuditingWithoutAChannel() throws Exception {
    Transaction tx = sweep(ours);
    ByteVector sig = new DestinationSigner(store, key, limits, CLOCK).signInput(tx, 0, new Satoshi(AMOUNT));
    assertThat(sig.size()).isBetween(68, 72);
    assertThat(audit()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("channel.operation");
      assertThat(r.fields()).containsEntry("operation", "SignDestinationInput").containsEntry("sweep", tx.txid.toString())
          .containsEntry("outpoint", tx.txIn.getFirst().outPoint.txid + ":3").containsEntry("amountSat", "100000")
          .doesNotContainKey("channel");
    });
  }

  @Test
  void aForeignDestinationIsRefusedAndAudited() throws Exception {
    ByteVector foreign = Bolt3Scripts.p2wpkh(PrivateKey.fromHex("22".repeat(32)).publicKey());
    assertThatThrownBy(() -> new DestinationSigner(store, key, limits, CLOCK).signInput(sweep(foreign), 0, new Satoshi(AMOUNT)))
        .isInstanceOfSatisfying(ChannelRefusedException.class,
            e -> assertThat(e.rule()).isEqualTo(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED));
    assertThat(audit()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("channel.refusal");
      assertThat(r.fields()).containsEntry("tag", "policy-sweep-destination-allowlisted");
    });
  }

  @Test
  void aFailedCommitReleasesNoSignature() {
    Store failing = new CommitFailingStore(store);
    assertThatThrownBy(() -> new DestinationSigner(failing, key, limits, CLOCK).signInput(sweep(ours), 0, new Satoshi(AMOUNT)))
        .isInstanceOf(StoreException.class);
  }
}
