package dev.custos.core.ln.bolt7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The BOLT 7 {@code channel_announcement} unsigned-part parser: fields, digest, every malformation. */
class UnsignedChannelAnnouncementTest {
  static final PublicKey K1 = key(0x11);
  static final PublicKey K2 = key(0x22);
  static final PublicKey K3 = key(0x33);
  static final PublicKey K4 = key(0x44);
  /** Block 700000, transaction 1234, output 3. */
  static final long SCID = (700_000L << 40) | (1234L << 16) | 3;
  static final AnnouncementBytes SAMPLE = new AnnouncementBytes(new byte[] {0x01, 0x02},
      Block.RegtestGenesisBlock.hash.value.toByteArray(), SCID, K1, K2, K3, K4, new byte[] {0x7f, 0x00, 0x01});

  static PublicKey key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return new PrivateKey(k).publicKey();
  }

  @Test
  void parsesEveryFieldAndDigestsExactlyTheBytes() throws Bolt7FormatException {
    byte[] bytes = SAMPLE.encode();
    UnsignedChannelAnnouncement a = UnsignedChannelAnnouncement.parse(bytes);

    assertThat(a.features()).isEqualTo(new ByteVector(new byte[] {0x01, 0x02}));
    assertThat(a.chainHash()).isEqualTo(Block.RegtestGenesisBlock.hash.value);
    assertThat(a.shortChannelId()).isEqualTo(new ShortChannelId(700_000, 1234, 3));
    assertThat(a.shortChannelId().toLong()).isEqualTo(SCID);
    assertThat(a.shortChannelId()).hasToString("700000x1234x3");
    assertThat(a.nodeId1()).isEqualTo(K1);
    assertThat(a.nodeId2()).isEqualTo(K2);
    assertThat(a.bitcoinKey1()).isEqualTo(K3);
    assertThat(a.bitcoinKey2()).isEqualTo(K4);
    assertThat(a.excessData()).isEqualTo(new ByteVector(new byte[] {0x7f, 0x00, 0x01}));
    assertThat(a.digest().toByteArray()).isEqualTo(Crypto.sha256(Crypto.sha256(bytes)));
  }

  @Test
  void everyTruncationIsRefusedNamingTheField() {
    byte[] bytes = SAMPLE.encode();
    int fixedEnd = bytes.length - 3;
    for (int length = 0; length < fixedEnd; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(cut)).as("length " + length)
          .isInstanceOf(Bolt7FormatException.class)
          .hasMessageStartingWith("channel_announcement: ")
          .hasMessageContaining(" at offset ")
          .hasMessageContaining(" left");
    }
    assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(Arrays.copyOf(bytes, 60)))
        .hasMessage("channel_announcement: node_id_1 at offset 44 needs 33 bytes, only 16 left");
  }

  @Test
  void aFeatureLengthPastTheEndIsRefused() {
    byte[] bytes = SAMPLE.encode();
    bytes[0] = (byte) 0xff;
    assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(bytes))
        .isInstanceOf(Bolt7FormatException.class)
        .hasMessageStartingWith("channel_announcement: features at offset 2 needs " + (0xff00 + 2));
  }

  @Test
  void pointsMustBeCompressedAndOnTheCurve() {
    byte[] uncompressedPrefix = SAMPLE.encode();
    int bitcoinKey2 = 2 + 2 + 32 + 8 + 33 * 3;
    uncompressedPrefix[bitcoinKey2] = 0x04;
    assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(uncompressedPrefix))
        .hasMessage("channel_announcement: bitcoin_key_2 at offset " + bitcoinKey2 + " is not a compressed point (prefix 0x04)");

    byte[] offCurve = SAMPLE.encode();
    int nodeId2 = 2 + 2 + 32 + 8 + 33;
    Arrays.fill(offCurve, nodeId2 + 1, nodeId2 + 33, (byte) 0xff);
    assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(offCurve))
        .hasMessage("channel_announcement: node_id_2 at offset " + nodeId2 + " is not on secp256k1");
  }

  @Test
  void noMessageIsRefused() {
    assertThatThrownBy(() -> UnsignedChannelAnnouncement.parse(null)).isInstanceOf(Bolt7FormatException.class);
  }
}
