package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frozen list-column format (netstrings over UTF-8 byte lengths). */
class TextListTest {
  @Test
  void encodesAsNetstrings() {
    assertThat(TextList.encode(List.of())).isEqualTo("");
    assertThat(TextList.encode(List.of("a", "", "b,c:d", "₿"))).isEqualTo("1:a,0:,5:b,c:d,3:₿,");
    assertThat(TextList.decode("1:a,0:,5:b,c:d,3:₿,")).containsExactly("a", "", "b,c:d", "₿");
  }

  @Test
  void malformedColumnsAreRejected() {
    for (String bad : new String[] {"1:a", "2:a,", "x:a,", ":a,", "1:ab", "99999999999:a,", "1:a,1"}) {
      assertThatThrownBy(() -> TextList.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
