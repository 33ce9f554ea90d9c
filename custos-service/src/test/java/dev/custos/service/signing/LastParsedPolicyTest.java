package dev.custos.service.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import dev.custos.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastParsedPolicyTest {
  private static final String A = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.025 BTC}
      """;
  private static final String B = A.replace("0.05 BTC", "0.04 BTC");

  private final List<String> parsed = new ArrayList<>();

  private Policy count(String text) {
    parsed.add(text);
    return CrashChild.parse(text);
  }

  @Test
  void theSameTextIsParsedOnceAndAnyOtherTextAfresh() {
    LastParsedPolicy policies = new LastParsedPolicy(this::count);
    Policy a = policies.parse(A);
    assertThat(policies.parse(A)).isSameAs(a);
    Policy b = policies.parse(B);
    assertThat(b.maxPerTransactionSat().getAsLong()).isEqualTo(4_000_000);
    assertThat(policies.parse(A)).isEqualTo(a).isNotSameAs(a);
    assertThat(parsed).containsExactly(A, B, A);
    assertThat(a.maxPerTransactionSat().getAsLong()).isEqualTo(5_000_000);
  }

  @Test
  void aTextThatDoesNotParseFailsEveryTime() {
    LastParsedPolicy policies = new LastParsedPolicy(this::count);
    policies.parse(A);
    assertThatThrownBy(() -> policies.parse("version: 2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> policies.parse("version: 2")).isInstanceOf(IllegalStateException.class);
    assertThat(parsed).containsExactly(A, "version: 2", "version: 2");
  }
}
