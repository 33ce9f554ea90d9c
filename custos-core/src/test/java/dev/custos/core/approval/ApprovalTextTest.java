package dev.custos.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalTextTest {
  private static final RequestHash HASH = new RequestHash(new ByteVector32("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
  private static final Instant EXPIRY = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void rendersTheDocumentedLine() {
    ApprovalText t = new ApprovalText(ApprovalAction.APPROVE, ProposalKind.SPEND, Network.MAINNET, HASH, EXPIRY,
        "spend 1.25000000 BTC from wallet 73c5da0a txid 3f2a1b2c4d5e6f70");
    assertThat(t.render()).isEqualTo("custos/v1 approve spend mainnet"
        + " request=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        + " expires=2026-06-01T12:00:00Z summary=spend 1.25000000 BTC from wallet 73c5da0a txid 3f2a1b2c4d5e6f70");
  }

  @Test
  void everyCombinationParsesBackAndNoTwoAreEqual() throws Exception {
    Set<String> seen = new HashSet<>();
    RequestHash other = new RequestHash(new ByteVector32("00".repeat(31) + "01"));
    for (ApprovalAction a : ApprovalAction.values()) {
      for (ProposalKind k : ProposalKind.values()) {
        for (Network n : Network.values()) {
          for (RequestHash h : new RequestHash[] {HASH, other}) {
            ApprovalText t = new ApprovalText(a, k, n, h, EXPIRY, "x".repeat(ApprovalText.MAX_SUMMARY));
            String line = t.render();
            assertThat(line.length()).isLessThanOrEqualTo(ApprovalText.MAX_LENGTH);
            assertThat(ApprovalText.parse(line)).isEqualTo(t);
            assertThat(seen.add(line)).as(line).isTrue();
          }
        }
      }
    }
    assertThat(ProposalKind.values()).allSatisfy(k -> assertThat(k.id().length()).isLessThanOrEqualTo(ProposalKind.MAX_ID_LENGTH));
  }

  @Test
  void summaryRules() {
    for (String bad : new String[] {"", " lead", "trail ", "two  spaces", "tab\there", "caf\u00e9", "x".repeat(81)}) {
      assertThatThrownBy(() -> new ApprovalText(ApprovalAction.APPROVE, ProposalKind.SPEND, Network.MAINNET, HASH, EXPIRY, bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void parserRefusesEachFieldByName() {
    String good = new ApprovalText(ApprovalAction.REJECT, ProposalKind.POLICY_APPLY, Network.TESTNET, HASH, EXPIRY, "loosen limits").render();
    assertRefused(good.replace("custos/v1", "custos/v2"), "must start with");
    assertRefused(good.replace(" reject ", " veto "), "field 2");
    assertRefused(good.replace("policy-apply", "policy-remove"), "field 3");
    assertRefused(good.replace("testnet", "liquid"), "field 4");
    assertRefused(good.replace("request=9f", "request=9F"), "field 5");
    assertRefused(good.replace("request=9f", "hash=9f"), "field 5");
    assertRefused(good.replace("12:00:00Z", "12:00Z"), "field 6");
    assertRefused(good.replace("2026-06-01", "2026-02-30"), "field 6");
    assertRefused(good.replace("summary=", "note="), "field 7");
    assertRefused(good + " ", "summary");
    assertRefused(good.replace(" reject ", "  reject "), "field");
    assertRefused("", "empty");
  }

  private static void assertRefused(String text, String mentions) {
    assertThatThrownBy(() -> ApprovalText.parse(text)).as(text).isInstanceOf(ApprovalTextFormatException.class).hasMessageContaining(mentions);
  }
}
