package dev.custos.service.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * GroupFileCodec's three parsers (card, plan, group file) on arbitrary bytes: only
 * GroupFileException may escape, with a non-empty message; whatever parses re-encodes to bytes
 * that parse to the same value (for a group file: the same keys, so it verified again).
 */
class GroupFileCodecFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    int which = data.consumeInt(0, 2);
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      switch (which) {
        case 0 -> {
          CosignerCard card = GroupFileCodec.parseCard(bytes);
          assertThat(GroupFileCodec.parseCard(GroupFileCodec.encodeCard(card))).isEqualTo(card);
        }
        case 1 -> {
          GroupPlan plan = GroupFileCodec.parsePlan(bytes);
          assertThat(GroupFileCodec.parsePlan(GroupFileCodec.encodePlan(plan)).members()).isEqualTo(plan.members());
        }
        default -> {
          GroupFile group = GroupFileCodec.parseGroup(bytes);
          assertThat(GroupFileCodec.parseGroup(GroupFileCodec.encodeGroup(group)).outputKey()).isEqualTo(group.outputKey());
        }
      }
    } catch (GroupFileException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
