package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.ByteVector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLV shapes LDK 0.0.106 writes, hand-assembled from the BOLT 1 BigSize rules. */
class LdkTlvTest {
  @Test
  void readsALengthPrefixedStream() {
    Map<Long, byte[]> r = LdkTlv.records(hex("07" + "00" + "01" + "aa" + "0c" + "02" + "bbcc"));
    assertThat(r).containsOnlyKeys(0L, 12L);
    assertThat(r.get(12L)).containsExactly(0xbb, 0xcc);
  }

  @Test
  void readsAThreeByteBigSizeLength() {
    byte[] value = new byte[300];
    byte[] stream = ByteVector.fromHex("fd0130" + "00" + "fd012c").concat(value).toByteArray();
    assertThat(stream).hasSize(3 + 304);
    assertThat(LdkTlv.records(stream).get(0L)).hasSize(300);
  }

  @Test
  void splitsConcatenatedItemsKeepingTheirPrefix() {
    assertThat(LdkTlv.lengthPrefixedItems(hex("02" + "0000" + "01" + "ff")))
        .satisfiesExactly(a -> assertThat(a).hasSize(3), b -> assertThat(b).hasSize(2));
  }

  @Test
  void refusesMalformedStreams() {
    assertThatThrownBy(() -> LdkTlv.records(hex("05" + "00" + "01" + "aa")))
        .hasMessageContaining("declares 5 bytes but 3 follow");
    assertThatThrownBy(() -> LdkTlv.records(hex("04" + "02" + "00" + "02" + "00")))
        .hasMessageContaining("is not above the previous 2");
    assertThatThrownBy(() -> LdkTlv.records(hex("03" + "00" + "05" + "aa")))
        .hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> LdkTlv.records(hex("fd0010")))
        .hasMessageContaining("non-minimal BigSize at offset 0");
    assertThatThrownBy(() -> LdkTlv.records(new byte[0])).hasMessageContaining("truncated BigSize");
  }

  private static byte[] hex(String h) {
    return ByteVector.fromHex(h).toByteArray();
  }
}
