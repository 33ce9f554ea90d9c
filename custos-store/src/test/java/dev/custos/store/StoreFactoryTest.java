package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreFactoryTest {
  @Test
  void unknownSchemesAreRefusedByName() {
    assertThatThrownBy(() -> StoreFactory.open("jdbc:mysql://db/custos?password=x"))
        .isInstanceOf(StoreException.class)
        .hasMessage("unsupported store URL scheme 'jdbc:mysql': expected jdbc:sqlite: or jdbc:postgresql:");
    assertThatThrownBy(() -> StoreFactory.open("")).isInstanceOf(StoreException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> StoreFactory.open(null)).isInstanceOf(StoreException.class).hasMessageContaining("empty");
  }
}
