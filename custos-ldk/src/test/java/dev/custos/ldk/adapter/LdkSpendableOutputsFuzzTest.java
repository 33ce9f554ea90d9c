package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.acinq.bitcoin.TxOut;

/**
 * The {@code TxOut} record reader of {@link LdkSpendableOutputs} on arbitrary bytes: only
 * {@link IllegalArgumentException} with a message may escape, and an accepted output re-encodes to
 * exactly the input's length. To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl custos-ldk test -Dtest=LdkSpendableOutputsFuzzTest}.
 */
class LdkSpendableOutputsFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void txOutThrowsOnlyIllegalArgument(byte[] input) {
    try {
      TxOut out = LdkSpendableOutputs.txOut(input);
      int script = out.publicKeyScript.size();
      int prefix = script < 0xfd ? 1 : script <= 0xffff ? 3 : 5;
      assertThat(8 + prefix + script).isEqualTo(input.length);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
