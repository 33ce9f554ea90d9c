package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldk.structs.Event;

/**
 * The harness itself, with LDK's own KeysManager on both nodes: if this fails, the Custos signer
 * tests cannot be trusted to fail for the signer's reasons.
 */
class KeysManagerHarnessTest {
  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void openPayBothWaysCloseCooperativelyThenOpenAgainAndForceClose() {
    FakeChain chain = new FakeChain();
    ChannelScenario s = new ChannelScenario(chain, CustosNodes.keysManager("A", 1, chain), CustosNodes.keysManager("B", 2, chain));
    s.connect();

    OutPoint first = s.openChannel(s.a, s.b, 1_000_000, 1);
    s.pay(s.a, s.b, 100_000_000);
    s.pay(s.b, s.a, 30_000_000);
    Transaction close = s.closeCooperatively(s.a, first);
    assertThat(close.txOut).hasSize(2);
    assertThat(ChannelScenario.eventsOf(s.a, Event.ChannelClosed.class)).hasSize(1);

    OutPoint second = s.openChannel(s.a, s.b, 500_000, 2);
    s.pay(s.a, s.b, 50_000_000);
    Transaction commitment = s.forceClose(s.a, second);
    assertThat(commitment.lockTime >>> 24).isEqualTo(0x20);
    s.mine(200);
    assertThat(ChannelScenario.eventsOf(s.a, Event.SpendableOutputs.class)).isNotEmpty();
    assertThat(ChannelScenario.eventsOf(s.b, Event.SpendableOutputs.class)).isNotEmpty();
    assertThat(chain.invalid()).isEmpty();
  }
}
