package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.ByteVector32;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder is side-neutral: the Appendix C commitment, built as the counterparty's commitment
 * by a signer whose peer is the Appendix's "local" node, has the same bytes.
 */
class CommitmentSidesTest {
  static Stream<BoltTextVectors.Case> cases() {
    return BoltTextVectors.cases(AppendixC.TEXT).stream();
  }

  private static ChannelParameters mirrored(ChannelParameters p) {
    return new ChannelParameters(p.fundingOutpoint(), p.fundingAmount(), p.type(), p.counterparty(), p.holder(), Side.COUNTERPARTY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void counterpartyCommitmentIsTheSameTransaction(BoltTextVectors.Case c) {
    ChannelParameters params = AppendixC.params(ChannelType.STATIC_REMOTE_KEY, AppendixC.dustLimit());
    CommitmentSpec spec = AppendixC.spec(c.name(), Long.parseLong(c.get("local_feerate_per_kw")),
        Long.parseLong(c.get("to_local_msat")), Long.parseLong(c.get("to_remote_msat")));
    CommitmentTransaction asHolder = CommitmentBuilder.build(params, Side.HOLDER, spec, AppendixC.perCommitmentPoint());
    CommitmentTransaction asCounterparty = CommitmentBuilder.build(mirrored(params), Side.COUNTERPARTY, spec, AppendixC.perCommitmentPoint());
    assertThat(asCounterparty.tx()).isEqualTo(asHolder.tx());
    assertThat(HtlcTransactions.build(mirrored(params), asCounterparty).stream().map(HtlcTransaction::tx).toList())
        .isEqualTo(HtlcTransactions.build(params, asHolder).stream().map(HtlcTransaction::tx).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void successNeedsTheRightPreimage(BoltTextVectors.Case c) {
    ChannelParameters params = AppendixC.params(ChannelType.STATIC_REMOTE_KEY, AppendixC.dustLimit());
    CommitmentSpec spec = AppendixC.spec(c.name(), Long.parseLong(c.get("local_feerate_per_kw")),
        Long.parseLong(c.get("to_local_msat")), Long.parseLong(c.get("to_remote_msat")));
    CommitmentTransaction ct = CommitmentBuilder.build(params, Side.HOLDER, spec, AppendixC.perCommitmentPoint());
    for (HtlcTransaction h : HtlcTransactions.build(params, ct)) {
      var sig = fr.acinq.bitcoin.ByteVector.fromHex("3006020101020101");
      if (h.isSuccess()) {
        assertThatThrownBy(() -> h.withWitness(sig, sig, new ByteVector32("9999999999999999999999999999999999999999999999999999999999999999")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preimage");
      } else {
        assertThatThrownBy(() -> h.withWitness(sig, sig, AppendixC.preimage(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no preimage");
      }
    }
  }
}
