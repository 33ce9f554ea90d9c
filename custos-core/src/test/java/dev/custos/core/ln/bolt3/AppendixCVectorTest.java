package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BOLT 3 Appendix C (option_static_remotekey): every commitment and HTLC transaction, and every
 * signature in it, byte for byte; every signed transaction also passes bitcoin-kmp's interpreter.
 */
class AppendixCVectorTest {
  static Stream<BoltTextVectors.Case> cases() {
    return BoltTextVectors.cases(AppendixC.TEXT).stream();
  }

  @Test
  void derivedKeysAreTheAppendixKeys() {
    ChannelParameters p = AppendixC.params(ChannelType.STATIC_REMOTE_KEY, AppendixC.dustLimit());
    CommitmentKeys k = CommitmentKeys.derive(p, Side.HOLDER, AppendixC.perCommitmentPoint());
    assertThat(k.perCommitmentPoint()).isEqualTo(AppendixC.key("local_per_commitment_point"));
    assertThat(k.localHtlcKey()).isEqualTo(AppendixC.key("local_htlcpubkey"));
    assertThat(k.remoteHtlcKey()).isEqualTo(AppendixC.key("remote_htlcpubkey"));
    assertThat(k.localDelayedKey()).isEqualTo(AppendixC.key("local_delayedpubkey"));
    assertThat(k.revocationKey()).isEqualTo(AppendixC.key("local_revocation_pubkey"));
    assertThat(Bolt3Scripts.funding(k.localFundingKey(), k.remoteFundingKey()))
        .isEqualTo(ByteVector.fromHex(AppendixC.P.get("funding wscript")));
    try (SecretBytes lh = AppendixC.localHtlcPrivateKey(); SecretBytes given = AppendixC.secret("local_privkey")) {
      assertThat(lh.equalsConstantTime(given)).isTrue();
    }
    try (SecretBytes base = AppendixC.secret("local_delayed_payment_basepoint_secret");
        SecretBytes derived = KeyDerivation.derivePrivateKey(base, AppendixC.perCommitmentPoint());
        SecretBytes given = AppendixC.secret("local_delayed_privkey")) {
      assertThat(derived.equalsConstantTime(given)).isTrue();
    }
  }

  @Test
  void obscuredCommitmentNumberIsTheAppendixFactorXor42() {
    ChannelParameters p = AppendixC.params(ChannelType.STATIC_REMOTE_KEY, AppendixC.dustLimit());
    assertThat(CommitmentBuilder.obscuredCommitmentNumber(p, 42)).isEqualTo(0x2bb038521914L ^ 42);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesCase(BoltTextVectors.Case c) {
    ChannelParameters params = AppendixC.params(ChannelType.STATIC_REMOTE_KEY, AppendixC.dustLimit());
    CommitmentSpec spec = AppendixC.spec(c.name(), Long.parseLong(c.get("local_feerate_per_kw")),
        Long.parseLong(c.get("to_local_msat")), Long.parseLong(c.get("to_remote_msat")));
    SignedChannelState s = SignedChannelState.build(params, spec);

    for (String base : c.all("base commitment transaction fee")) {
      assertThat(s.commitment().baseFee().toLong()).isEqualTo(Long.parseLong(base));
    }
    for (String actual : c.all("actual commitment transaction fee")) {
      assertThat(s.commitment().fee().toLong()).isEqualTo(Long.parseLong(actual));
    }
    assertThat(Hex.of(s.remoteSig().toByteArray())).isEqualTo(c.get("remote_signature"));
    assertThat(Hex.of(s.localSig().toByteArray())).isEqualTo(c.get("local_signature"));
    assertThat(SignedChannelState.hex(s.signedCommitment())).isEqualTo(c.get("output commit_tx"));

    int n = Integer.parseInt(c.get("num_htlcs"));
    List<String> htlcTxHex = c.lines().stream()
        .filter(l -> l.key().startsWith("htlc_success_tx") || l.key().startsWith("htlc_timeout_tx"))
        .map(BoltTextVectors.Line::value).toList();
    assertThat(s.htlcTxs()).hasSize(n);
    assertThat(htlcTxHex).hasSize(n);
    assertThat(s.remoteHtlcSigs().stream().map(b -> Hex.of(b.toByteArray())).toList()).isEqualTo(c.all("remote_htlc_signature"));
    assertThat(s.localHtlcSigs().stream().map(b -> Hex.of(b.toByteArray())).toList()).isEqualTo(c.all("local_htlc_signature"));
    assertThat(s.signedHtlcTxs().stream().map(SignedChannelState::hex).toList()).isEqualTo(htlcTxHex);
  }
}
