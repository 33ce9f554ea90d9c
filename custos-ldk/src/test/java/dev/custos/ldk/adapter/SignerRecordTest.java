package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.ldk.signer.ChannelKeyId;
import fr.acinq.bitcoin.ByteVector;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The persisted signer record, version 1, frozen by the bytes below. */
class SignerRecordTest {
  private static final String GOLDEN = "01" + "00000007" + "0000002a" + "00000000000f4240" + "00000002" + "abcd";

  @Test
  void version1KeepsDecoding() {
    SignerRecord r = SignerRecord.decode(ByteVector.fromHex(GOLDEN).toByteArray());
    assertThat(r.keyId()).isEqualTo(new ChannelKeyId(7, 42));
    assertThat(r.channelValueSatoshis()).isEqualTo(1_000_000);
    assertThat(r.channelParameters()).hasValueSatisfying(p -> assertThat(p).containsExactly(0xab, 0xcd));
    assertThat(new ByteVector(r.encode()).toHex()).isEqualTo(GOLDEN);
  }

  @Test
  void beforeReadyChannelThereAreNoParameters() {
    SignerRecord r = new SignerRecord(new ChannelKeyId(1, 2), 5, Optional.empty());
    assertThat(SignerRecord.decode(r.encode()).channelParameters()).isEmpty();
  }

  @Test
  void refusesOtherVersionsTruncationAndTrailingBytes() {
    assertThatThrownBy(() -> SignerRecord.decode(ByteVector.fromHex("02" + GOLDEN.substring(2)).toByteArray()))
        .hasMessageContaining("version 2 is not 1");
    assertThatThrownBy(() -> SignerRecord.decode(ByteVector.fromHex(GOLDEN.substring(0, 20)).toByteArray()))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> SignerRecord.decode(ByteVector.fromHex(GOLDEN + "00").toByteArray()))
        .hasMessageContaining("declares 2 parameter bytes but 3 follow");
  }
}
