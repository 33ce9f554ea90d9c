package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * {@link LdkTlv} on arbitrary bytes: only {@link IllegalArgumentException} with a message may
 * escape; accepted records never hold more bytes than the input, and split items re-concatenate to
 * the input. To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl custos-ldk test -Dtest=LdkTlvFuzzTest}.
 */
class LdkTlvFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void recordsAndItemsThrowOnlyIllegalArgument(byte[] input) {
    try {
      Map<Long, byte[]> records = LdkTlv.records(input);
      assertThat(records.values().stream().mapToInt(v -> v.length).sum()).isLessThanOrEqualTo(input.length);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
    try {
      List<byte[]> items = LdkTlv.lengthPrefixedItems(input);
      assertThat(items.stream().mapToInt(i -> i.length).sum()).isEqualTo(input.length);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
