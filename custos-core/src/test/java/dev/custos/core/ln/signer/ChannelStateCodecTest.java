package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelSignerTest.BOB_MSAT;
import static dev.custos.core.ln.signer.ChannelSignerTest.HTLCS;
import static dev.custos.core.ln.signer.ChannelSignerTest.aliceMsat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.HtlcDirection;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Channel state encoding: round trips of states from a real channel, refusals of damaged bytes, and
 * the frozen v1 golden file {@code golden/ln/channel-state-v1.bin} (written once from
 * {@link #goldenState()}; never regenerate it: a format change is a new version).
 */
class ChannelStateCodecTest {

  /** Alice after commitment 5 with HTLCs (Bob's secrets 0..4 stored), both channel types alike. */
  static ChannelState goldenState() {
    ChannelPair pair = new ChannelPair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX).open();
    for (int n = 1; n <= 5; n++) {
      pair.update(n, aliceMsat(HTLCS) - n * 1_000_000L, BOB_MSAT + n * 1_000_000L, HTLCS);
    }
    return pair.a.get();
  }

  static byte[] golden() throws Exception {
    try (InputStream in = ChannelStateCodecTest.class.getResourceAsStream("/golden/ln/channel-state-v1.bin")) {
      return in.readAllBytes();
    }
  }

  @Test
  void goldenStateStillDecodesToTheSameChannel() throws Exception {
    ChannelState s = ChannelStateCodec.decode(golden());
    assertThat(s.id()).isEqualTo(ChannelPair.ID);
    assertThat(s.params().type()).isEqualTo(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX);
    assertThat(s.nextHolderNumber()).isEqualTo(6);
    assertThat(s.holderRevoked()).isEqualTo(5);
    assertThat(s.nextCounterpartyNumber()).isEqualTo(6);
    assertThat(s.counterpartyRevoked()).isEqualTo(5);
    assertThat(s.counterpartyUnrevoked()).hasSize(1);
    assertThat(s.holderSpec().orElseThrow().htlcs()).hasSize(3).extracting(h -> h.direction())
        .containsExactly(HtlcDirection.OFFERED, HtlcDirection.RECEIVED, HtlcDirection.OFFERED);
    assertThat(s.holderShutdownScript()).contains(ChannelPair.WALLET_A);
    assertThat(s.closingSigned()).isFalse();
    assertThat(s).isEqualTo(goldenState());
    assertThat(ChannelStateCodec.encode(s)).isEqualTo(golden());
  }

  @Test
  void statesAlongAChannelRoundTrip() throws Exception {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).setupOnly();
    assertRoundTrip(pair.a.get());
    pair.update(0, ChannelPair.FUNDING_SAT * 1000, 0, List.of());
    for (int n = 1; n <= 9; n++) {
      pair.update(n, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
      assertRoundTrip(pair.a.get());
      assertRoundTrip(pair.b.get());
    }
  }

  @Test
  void damagedBytesAreRefusedWithTheReason() throws Exception {
    byte[] g = golden();
    assertThatThrownBy(() -> ChannelStateCodec.decode(Arrays.copyOf(g, g.length - 1))).isInstanceOf(ChannelStateFormatException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> ChannelStateCodec.decode(Arrays.copyOf(g, g.length + 1))).hasMessageContaining("trailing");
    byte[] version = g.clone();
    version[8] = 2;
    assertThatThrownBy(() -> ChannelStateCodec.decode(version)).hasMessageContaining("version 2");
    byte[] flag = g.clone();
    flag[flag.length - 1] = 2;
    assertThatThrownBy(() -> ChannelStateCodec.decode(flag)).hasMessageContaining("closing flag");
    byte[] secret = g.clone();
    secret[secret.length - 2] ^= 1;
    assertThatThrownBy(() -> ChannelStateCodec.decode(secret)).hasMessageContaining("secret");
  }

  @Test
  void stateToStringHoldsNoSecret() {
    ChannelState s = goldenState();
    byte[] secret = s.counterpartySecrets().entries().getFirst().secret();
    String hex = java.util.HexFormat.of().formatHex(secret);
    assertThat(s.toString()).doesNotContain((CharSequence) hex).contains("CounterpartySecrets[");
  }

  private static void assertRoundTrip(ChannelState s) throws Exception {
    byte[] bytes = ChannelStateCodec.encode(s);
    assertThat(ChannelStateCodec.decode(bytes)).isEqualTo(s);
    assertThat(Optional.of(ChannelStateCodec.decode(bytes))).contains(s);
  }
}
