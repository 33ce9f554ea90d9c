package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CompromisedNodePort;
import dev.custos.ldk.harness.CompromisedNodePort.Attack;
import dev.custos.ldk.harness.CompromisedNodePort.Attempt;
import dev.custos.ldk.harness.CountingSignerPort;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import dev.custos.ldk.harness.LdkNode;
import dev.custos.ldk.harness.StoredChannels;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import dev.custos.core.ln.signer.ApprovedPayment;
import fr.acinq.bitcoin.ByteVector32;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldk.structs.Event;

/**
 * Issue 7 §3 attack tests on real LDK nodes: node A's LDK talks to Custos through a
 * {@link CompromisedNodePort} that, at one point of the channel's life, asks the stateful signer
 * for something that would lose funds. Each attack must be refused with its VLS tag, audited as a
 * {@code channel.refusal} with that tag, and the honest channel life must go on with the funds
 * where they belong (checked on the fake chain, whose every transaction passed bitcoin-kmp's
 * interpreter). Payments are approved by A's signer before A pays, except in the unbalanced-HTLC
 * attack.
 */
class LdkAttackTest {
  @TempDir Path dir;

  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void signingARevokedHolderCommitmentIsRefusedAndTheLatestIsBroadcast() throws Exception {
    Run run = run(Attack.SIGN_REVOKED_HOLDER_COMMITMENT);
    OutPoint funding = run.scenario.openChannel(run.a.node(), run.b, 400_000, 1);
    run.scenario.pay(run.a.node(), run.b, 40_000_000);
    run.scenario.pay(run.b, run.a.node(), 10_000_000);
    Transaction broadcast = run.scenario.forceClose(run.a.node(), funding);

    Attempt attempt = run.single(LnPolicy.COMMITMENT_HOLDER_NOT_REVOKED);
    CompromisedNodePort port = run.port.get();
    assertThat(attempt.attempted().txid).isEqualTo(port.holderCommitments().getFirst().proposed().txid);
    assertThat(broadcast.txid).isNotEqualTo(attempt.attempted().txid)
        .isEqualTo(port.holderCommitments().getLast().proposed().txid);
    assertThat(run.scenario.chain.invalid()).isEmpty();
  }

  @Test
  void signingACounterpartyCommitmentBeforeThePreviousIsRevokedIsRefused() throws Exception {
    Run run = run(Attack.SIGN_COUNTERPARTY_BEFORE_REVOCATION);
    OutPoint funding = run.scenario.openChannel(run.a.node(), run.b, 400_000, 1);
    run.scenario.pay(run.a.node(), run.b, 40_000_000);

    run.single(LnPolicy.COMMITMENT_PREVIOUS_REVOKED);
    run.scenario.pay(run.b, run.a.node(), 10_000_000);
    Transaction close = run.scenario.closeCooperatively(run.a.node(), funding);
    assertThat(close.txOut).hasSize(2);
    assertThat(run.scenario.chain.invalid()).isEmpty();
  }

  @Test
  void closingToAForeignAddressIsRefusedAndTheCloseGoesToOurWallet() throws Exception {
    Run run = run(Attack.CLOSE_TO_FOREIGN_ADDRESS);
    OutPoint funding = run.scenario.openChannel(run.a.node(), run.b, 400_000, 1);
    run.scenario.pay(run.a.node(), run.b, 40_000_000);
    Transaction close = run.scenario.closeCooperatively(run.a.node(), funding);

    Attempt attempt = run.single(LnPolicy.MUTUAL_DESTINATION_ALLOWLISTED);
    assertThat(attempt.attempted().txOut).anyMatch(o -> o.publicKeyScript.equals(CompromisedNodePort.FOREIGN_SCRIPT));
    assertThat(close.txOut).noneMatch(o -> o.publicKeyScript.equals(CompromisedNodePort.FOREIGN_SCRIPT))
        .anyMatch(o -> o.publicKeyScript.equals(Bolt3Scripts.p2wpkh(run.a.destination())));
    assertThat(run.scenario.chain.invalid()).isEmpty();
  }

  /**
   * B broadcasts a revoked commitment; while A's monitor punishes it, the node first asks Custos to
   * sign the justice input with every output paying a foreign script: refused, and the honest
   * justice transaction that follows sweeps B's {@code to_local} to A's destination.
   */
  @Test
  void aJusticeSweepToAForeignAddressIsRefusedAndTheJusticePaysOurWallet() throws Exception {
    Run run = run(Attack.JUSTICE_TO_FOREIGN_ADDRESS);
    run.scenario.openChannel(run.a.node(), run.b, 400_000, 1);
    run.scenario.pay(run.a.node(), run.b, 40_000_000);
    Transaction revoked = run.scenario.revokedCommitmentWithHtlc(run.a.node(), run.b, 20_000_000);
    run.scenario.chain.broadcast(revoked);
    run.scenario.mine(7);

    Attempt attempt = run.single(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED);
    assertThat(attempt.attempted().txOut).allMatch(o -> o.publicKeyScript.equals(CompromisedNodePort.FOREIGN_SCRIPT));
    List<Transaction> justice = run.scenario.chain.confirmedSpendsOf(attempt.attempted().txIn.getFirst().outPoint);
    assertThat(justice).singleElement().satisfies(t -> assertThat(t.txOut)
        .allMatch(o -> o.publicKeyScript.equals(Bolt3Scripts.p2wpkh(run.a.destination()))));
    assertThat(justice.getFirst().txIn).anyMatch(in -> in.outPoint.txid.equals(revoked.txid));
    assertThat(run.scenario.chain.invalid()).isEmpty();
  }

  /**
   * The node offers an HTLC nobody approved and nothing balances: Custos refuses to sign the
   * counterparty commitment carrying it, so the HTLC never becomes valid for B. LDK 0.0.106 answers
   * a refused {@code sign_counterparty_commitment} by force-closing: A's commitment 0, without the
   * HTLC, is what reaches the chain, and every satoshi stays on A's side.
   */
  @Test
  void anUnbalancedOfferedHtlcIsRefusedAndThePaymentNeverLeaves() throws Exception {
    Run run = run(null);
    OutPoint funding = run.scenario.openChannel(run.a.node(), run.b, 400_000, 1);
    run.scenario.approvePaymentsWith(run.a.node(), (hash, msat) -> {});
    assertThat(run.scenario.attemptPayment(run.a.node(), run.b, 40_000_000)).isFalse();
    run.scenario.mine(1);

    assertThat(run.refusals).singleElement().asString().startsWith("sign_counterparty_commitment: POLICY_REFUSED")
        .contains(LnPolicy.COMMITMENT_HTLC_ROUTING_BALANCE.tag().value());
    List<AuditRecord> refused = StoredChannels.audit(run.a.store()).stream()
        .filter(r -> r.type().equals("channel.refusal")).toList();
    assertThat(refused).singleElement().satisfies(r -> assertThat(r.fields())
        .containsEntry("tag", LnPolicy.COMMITMENT_HTLC_ROUTING_BALANCE.tag().value())
        .containsEntry("operation", "SignCounterpartyCommitment"));
    assertThat(ChannelScenario.eventsOf(run.b, Event.PaymentReceived.class)).isEmpty();
    Transaction closed = run.scenario.chain.confirmedSpendsOf(funding).getFirst();
    assertThat(closed.lockTime >>> 24).isEqualTo(0x20);
    assertThat(closed.txOut).singleElement().satisfies(o -> assertThat(o.amount.toLong()).isGreaterThan(399_000));
    assertThat(run.scenario.chain.invalid()).isEmpty();
  }

  private Run run(Attack attack) {
    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    AtomicReference<CompromisedNodePort> port = new AtomicReference<>();
    FakeChain chain = new FakeChain();
    List<String> refusals = CustosNodes.newRefusals();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 41, chain, CountingSignerPort.newCounts(), refusals, dir,
        signer -> {
          if (attack == null) {
            return signer;
          }
          CompromisedNodePort p = new CompromisedNodePort(signer, attack, attempts);
          port.set(p);
          return p;
        });
    LdkNode b = CustosNodes.keysManager("B", 42, chain);
    ChannelScenario scenario = new ChannelScenario(chain, a.node(), b);
    scenario.approvePaymentsWith(a.node(), (hash, msat) -> a.payments().approve(
        new ApprovedPayment(new ByteVector32(hash), msat, 0, Instant.parse("2026-03-01T13:00:00Z"))));
    scenario.connect();
    return new Run(a, b, scenario, attempts, port, refusals);
  }

  private record Run(CustosNodes.StatefulNode a, LdkNode b, ChannelScenario scenario, List<Attempt> attempts,
      AtomicReference<CompromisedNodePort> port, List<String> refusals) {
    /** The one attack made: refused with {@code rule}, audited with its tag; LDK saw no refusal. */
    Attempt single(LnPolicy rule) throws Exception {
      assertThat(attempts).hasSize(1);
      Attempt attempt = attempts.getFirst();
      assertThat(attempt.refusal()).as("Custos must refuse %s", attempt.attack()).isNotNull();
      assertThat(attempt.refusal().kind()).isEqualTo(Kind.POLICY_REFUSED);
      assertThat(attempt.refusal().rule()).contains(rule);
      assertThat(attempt.refusal().getMessage()).contains(rule.tag().value());
      List<AuditRecord> refused = StoredChannels.audit(a.store()).stream()
          .filter(r -> r.type().equals("channel.refusal")).toList();
      assertThat(refused).hasSize(1);
      assertThat(refused.getFirst().fields()).containsEntry("tag", rule.tag().value());
      assertThat(refusals).isEmpty();
      return attempt;
    }
  }
}
