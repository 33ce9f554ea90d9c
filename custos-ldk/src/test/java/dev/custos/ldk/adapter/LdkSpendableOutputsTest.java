package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.TxOut;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The {@code TxOut} record of LDK's output descriptors: a P2WPKH output and each malformation. */
class LdkSpendableOutputsTest {
  private static final HexFormat HEX = HexFormat.of();
  /** 100,000 sat (0x0186a0 little-endian) to P2WPKH 0x11 * 20. */
  private static final String P2WPKH = "a086010000000000" + "16" + "0014" + "11".repeat(20);

  @Test
  void readsValueAndScript() {
    TxOut out = LdkSpendableOutputs.txOut(HEX.parseHex(P2WPKH));
    assertThat(out.amount.toLong()).isEqualTo(100_000);
    assertThat(out.publicKeyScript.toHex()).isEqualTo("0014" + "11".repeat(20));
  }

  @Test
  void refusesMalformedRecords() {
    assertRefused(P2WPKH.substring(0, 16), "shorter than 9");
    assertRefused(P2WPKH + "00", "22-byte script but 23 bytes follow");
    assertRefused(P2WPKH.substring(0, P2WPKH.length() - 2), "22-byte script but 21 bytes follow");
    assertRefused("a086010000000000" + "fd1600" + "0014" + "11".repeat(20), "not minimally encoded");
    assertRefused("a086010000000000" + "fd", "truncated");
    assertRefused("ffffffffffffff7f" + "00", "outside");
  }

  private static void assertRefused(String hex, String message) {
    assertThatThrownBy(() -> LdkSpendableOutputs.txOut(HEX.parseHex(hex)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
