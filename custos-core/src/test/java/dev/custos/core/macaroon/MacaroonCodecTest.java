package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Strict v2 decoding, tolerant base64, v1 reading, and a toString that hides the signature. */
class MacaroonCodecTest {
  /** libmacaroons root_v2_1.vtest's macaroon ("http://example.org/", "keyid", no caveats). */
  static final String ROOT_V2 = "AgETaHR0cDovL2V4YW1wbGUub3JnLwIFa2V5aWQAAAYgfN7nklEcW8b1KEhYBd_psk54XijiqZMB-dcRxgnjjvc";

  static byte[] rootV2() {
    return Base64.getUrlDecoder().decode(ROOT_V2);
  }

  static Macaroon sample() {
    try (SecretBytes k = SecretBytes.copyOf(new byte[32]); SecretBytes c = SecretBytes.copyOf(new byte[] {1})) {
      return Macaroon.mint(k, new byte[] {3, 1, 2}, "lnd")
          .addFirstPartyCaveat("time-before 2030-01-01T00:00:00Z")
          .addThirdPartyCaveat(c, "cid".getBytes(StandardCharsets.US_ASCII), "https://a.example", new FixedRandom(9))
          .addThirdPartyCaveat(c, "cid2".getBytes(StandardCharsets.US_ASCII), "", new FixedRandom(9));
    }
  }

  static void assertRejected(byte[] bytes, String message) {
    assertThatThrownBy(() -> Macaroon.decode(bytes))
        .isInstanceOf(MacaroonFormatException.class)
        .hasMessage("macaroon: " + message);
  }

  static byte[] concat(byte[] a, byte... b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void roundTripsEveryCaveatKind() throws Exception {
    Macaroon m = sample();
    assertThat(Macaroon.decode(m.encode())).isEqualTo(m);
    assertThat(Macaroon.decode(m.encode()).encode()).isEqualTo(m.encode());
    assertThat(Macaroon.fromHex(m.toHex())).isEqualTo(m);
    assertThat(Macaroon.fromHex(m.toHex().toUpperCase())).isEqualTo(m);
    assertThat(m.caveats().get(1)).isInstanceOf(ThirdPartyCaveat.class);
    assertThat(((ThirdPartyCaveat) m.caveats().get(1)).verificationId()).hasSize(24 + 16 + 32);
    assertThat(((ThirdPartyCaveat) m.caveats().get(2)).location()).isEmpty();
  }

  @Test
  void trailingBytesAreRejected() {
    assertRejected(concat(rootV2(), (byte) 0), "1 trailing bytes after the signature");
    assertRejected(concat(sample().encode(), (byte) 1, (byte) 2), "2 trailing bytes after the signature");
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] good = sample().encode();
    for (int n = 0; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      assertThatThrownBy(() -> Macaroon.decode(cut)).as("length %d", n).isInstanceOf(MacaroonFormatException.class);
    }
  }

  @Test
  void structuralErrorsHaveSpecificMessages() {
    byte[] good = rootV2();
    byte[] v3 = good.clone();
    v3[0] = 3;
    assertRejected(v3, "version byte 0x03, expected 0x02");
    assertRejected(new byte[0], "empty input");
    assertRejected(HexFormat.of().parseHex("02020161010162"), "header has field type 1 out of order");
    assertRejected(HexFormat.of().parseHex("020100"), "header has an empty field of type 1");
    assertRejected(HexFormat.of().parseHex("020301"), "header has unknown field type 3");
    assertRejected(HexFormat.of().parseHex("02028100"), "header field 2 length: varint is not minimally encoded");
    assertRejected(HexFormat.of().parseHex("0202ffffffff0f"), "header field 2 length: varint value out of range");
    assertRejected(HexFormat.of().parseHex("02020a"), "header field 2 length 10 extends past the end of the input");
    assertRejected(HexFormat.of().parseHex("0202016100010178020179000006"),
        "caveat 0 is first-party but has a location");
    assertRejected(HexFormat.of().parseHex("020201610000060101"), "signature has 1 bytes, expected 32");
    assertRejected(HexFormat.of().parseHex("0202016100000201"),
        "expected the signature field (type 6), found type 2");
  }

  @Test
  void sizeAndCaveatCountAreBounded() {
    assertRejected(new byte[Macaroon.MAX_ENCODED_BYTES + 1], "v2 macaroon of 32769 bytes exceeds the maximum of 32768");
    Macaroon m;
    try (SecretBytes k = SecretBytes.copyOf(new byte[32])) {
      m = Macaroon.mint(k, new byte[] {1}, "");
    }
    for (int i = 0; i < Macaroon.MAX_CAVEATS; i++) {
      m = m.addFirstPartyCaveat("c");
    }
    Macaroon full = m;
    assertThatThrownBy(() -> full.addFirstPartyCaveat("c")).isInstanceOf(IllegalStateException.class);
    byte[] encoded = full.encode();
    int signatureStart = encoded.length - 34;
    byte[] oneMore = new byte[encoded.length + 4];
    System.arraycopy(encoded, 0, oneMore, 0, signatureStart - 1);
    System.arraycopy(new byte[] {2, 1, 'c', 0}, 0, oneMore, signatureStart - 1, 4);
    System.arraycopy(encoded, signatureStart - 1, oneMore, signatureStart + 3, encoded.length - signatureStart + 1);
    assertRejected(oneMore, "more than 256 caveats");
  }

  @Test
  void base64IsToleratedAsLibmacaroonsDoes() throws Exception {
    Macaroon expected = Macaroon.decode(rootV2());
    String std = Base64.getEncoder().encodeToString(rootV2());
    assertThat(Macaroon.fromBase64(std)).isEqualTo(expected);
    assertThat(Macaroon.fromBase64(std.replace("=", ""))).isEqualTo(expected);
    assertThat(Macaroon.fromBase64(ROOT_V2)).isEqualTo(expected);
    assertThat(Macaroon.fromBase64(ROOT_V2 + "=")).isEqualTo(expected);
    assertThatThrownBy(() -> Macaroon.fromBase64(ROOT_V2.substring(0, 10) + " " + ROOT_V2.substring(10)))
        .hasMessage("macaroon: base64 has an invalid character at offset 10");
    assertThatThrownBy(() -> Macaroon.fromBase64("A")).hasMessage("macaroon: base64 length 1 is impossible");
    assertThatThrownBy(() -> Macaroon.fromHex("zz")).hasMessage("macaroon: macaroon is not valid hex");
  }

  @Test
  void v1ErrorsAreSpecific() {
    byte[] v1 = v1("0013location there\n0011identifier x\n");
    assertThatThrownBy(() -> Macaroon.deserialize(v1)).hasMessage("macaroon: v1 packet at offset 36 is truncated");
    byte[] badLength = v1("0099location there\n");
    assertThatThrownBy(() -> Macaroon.deserialize(badLength))
        .hasMessage("macaroon: v1 packet at offset 0 has impossible length 153");
    byte[] wrongOrder = v1("0011identifier x\n0013location there\n");
    assertThatThrownBy(() -> Macaroon.deserialize(wrongOrder))
        .hasMessage("macaroon: v1 packet 'identifier' where 'location' belongs");
    assertThatThrownBy(() -> Macaroon.deserialize(new byte[] {(byte) 0xff}))
        .hasMessage("macaroon: unknown serialization starting with byte 0xff");
  }

  static byte[] v1(String packets) {
    return Base64.getUrlEncoder().withoutPadding().encode(packets.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void toStringNeverShowsTheSignature() {
    Macaroon m = sample();
    String hex = HexFormat.of().formatHex(m.signature());
    assertThat(m.toString()).doesNotContain(hex).doesNotContain(hex.substring(0, 16))
        .doesNotContain(Base64.getEncoder().encodeToString(m.signature()).substring(0, 16))
        .contains("lnd").contains("time-before 2030-01-01T00:00:00Z");
  }

  @Test
  void signatureAccessorIsACopy() {
    Macaroon m = sample();
    byte[] sig = m.signature();
    sig[0] ^= 1;
    assertThat(m.signature()).isNotEqualTo(sig);
  }
}
