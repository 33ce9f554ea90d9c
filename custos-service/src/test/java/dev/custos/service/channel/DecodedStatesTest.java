package dev.custos.service.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.ln.signer.ChannelOutcome;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.store.StoredChannel;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decoded-state cache returns a cached state only for the exact row (version and bytes) it was recorded with. */
class DecodedStatesTest {
  static final ChannelId ID = ChannelId.fromHex("5a".repeat(32));
  static final SignerLimits LIMITS = SignerLimits.defaults(Set.of());

  /** A distinct valid state per {@code delay} (the holder's to_self_delay). */
  static ChannelState state(int delay) {
    try (ChannelKeys a = ChannelKeys.derive(SecretBytes.copyOf(ChannelSignerServiceTest.filled(0xa1)), ID);
        ChannelKeys b = ChannelKeys.derive(SecretBytes.copyOf(ChannelSignerServiceTest.filled(0xb2)), ID)) {
      var setup = new ChannelCommand.SetupChannel(ID, new OutPoint(new TxId(new ByteVector32("aa".repeat(32))), 0),
          new Satoshi(5_000_000), new byte[] {0x10, 0x00}, Side.HOLDER, delay, new Satoshi(546), b.publicKeys(), 144,
          new Satoshi(546), Optional.empty(), Optional.empty());
      return ((ChannelOutcome.Applied) dev.custos.core.ln.signer.ChannelSigner.apply(Optional.empty(), setup, a, LIMITS,
          NoPayments.LEDGER)).state();
    }
  }

  static DecodedStates.Decoded decoded(long version, ChannelState s) {
    return new DecodedStates.Decoded(ID, version, ChannelStateCodec.encode(s), s);
  }

  static StoredChannel row(DecodedStates.Decoded d) {
    return new StoredChannel(ID.value().toByteArray(), d.version(), d.bytes().clone(), Instant.EPOCH);
  }

  @Test
  void theNewestTwoRowsAreReusedOnlyWhenVersionAndBytesMatch() throws Exception {
    DecodedStates cache = new DecodedStates();
    DecodedStates.Decoded v1 = decoded(1, state(144));
    DecodedStates.Decoded v2 = decoded(2, state(145));
    cache.remember(v1);
    cache.remember(v2);
    assertThat(cache.decode(ID, row(v1))).isSameAs(v1.state());
    assertThat(cache.decode(ID, row(v2))).isSameAs(v2.state());

    StoredChannel otherBytes = new StoredChannel(ID.value().toByteArray(), 2, v1.bytes().clone(), Instant.EPOCH);
    assertThat(cache.decode(ID, otherBytes)).isNotSameAs(v2.state()).isNotSameAs(v1.state()).isEqualTo(v1.state());

    DecodedStates.Decoded v3 = decoded(3, state(146));
    cache.remember(v3);
    assertThat(cache.decode(ID, row(v1))).isNotSameAs(v1.state()).isEqualTo(v1.state());
    assertThat(cache.decode(ID, row(v2))).isSameAs(v2.state());
    assertThat(cache.decode(ID, row(v3))).isSameAs(v3.state());
  }

  @Test
  void aRolledBackWriteIsReplacedByTheNextRowOfItsVersion() throws Exception {
    DecodedStates cache = new DecodedStates();
    DecodedStates.Decoded v1 = decoded(1, state(144));
    DecodedStates.Decoded rolledBack = decoded(2, state(145));
    DecodedStates.Decoded v2 = decoded(2, state(146));
    cache.remember(v1);
    cache.remember(rolledBack);
    cache.remember(v2);
    assertThat(cache.decode(ID, row(v2))).isSameAs(v2.state());
    assertThat(cache.decode(ID, row(rolledBack))).isNotSameAs(rolledBack.state()).isEqualTo(rolledBack.state());
    assertThat(cache.decode(ID, row(v1))).isSameAs(v1.state());
  }
}
