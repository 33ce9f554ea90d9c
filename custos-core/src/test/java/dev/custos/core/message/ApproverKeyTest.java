package dev.custos.core.message;

import static dev.custos.core.message.Bip340MessageTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Network;
import dev.custos.core.message.SignatureRejectedException.Reason;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Approver key and address parsing: each accepted form, and each refusal with its reason. */
class ApproverKeyTest {
  @Test
  void acceptedForms() throws Exception {
    assertThat(ApproverKey.parse("bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l", Network.MAINNET))
        .isInstanceOfSatisfying(ApproverKey.AddressKey.class, a -> assertThat(a.address().type()).isEqualTo(AddressType.P2WPKH));
    assertThat(ApproverKey.parse("BC1Q9VZA2E8X573NCZRLZMS0WVX3GSQJX7VAVGKX0L", Network.MAINNET).id())
        .isEqualTo("bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l");
    assertThat(ApproverKey.parse("bc1pss0zhytly75awhm6x2hhvd5lnzv3vssgrf9axfheq8ldyzn88ges79fler", Network.MAINNET))
        .isInstanceOfSatisfying(ApproverKey.AddressKey.class, a -> assertThat(a.address().type()).isEqualTo(AddressType.P2TR));
    assertThat(ApproverKey.parse("13vU5PUSuArDXJdCWZvUFEbgJ2wcmtSJWn", Network.MAINNET))
        .isInstanceOfSatisfying(ApproverKey.AddressKey.class, a -> assertThat(a.address().type()).isEqualTo(AddressType.P2PKH));
    assertThat(ApproverKey.parse("32Utb7Seg6EXq7UesMNJXhQ1gdohYNyzQ9", Network.MAINNET))
        .isInstanceOfSatisfying(ApproverKey.AddressKey.class, a -> assertThat(a.address().type()).isEqualTo(AddressType.P2SH_P2WPKH));
    String g = "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";
    assertThat(ApproverKey.parse(g, Network.MAINNET)).isInstanceOf(ApproverKey.CompressedKey.class);
    assertThat(ApproverKey.parse(g, Network.MAINNET).id()).isEqualTo(g.toLowerCase(java.util.Locale.ROOT));
    assertThat(ApproverKey.parse(g.substring(2), Network.MAINNET)).isInstanceOf(ApproverKey.XOnlyKey.class);
  }

  @Test
  void refusals() {
    assertReason(() -> ApproverKey.parse("", Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l", Network.TESTNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0m", Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("bc1Q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l", Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("bc1qp0ahvfh83088w49k405szqgg4f3pptr7p2g06tdxfjcd40z4lh4q95lsz9", Network.MAINNET), Reason.UNSUPPORTED);
    assertReason(() -> ApproverKey.parse("13vU5PUSuArDXJdCWZvUFEbgJ2wcmtSJWm", Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("13vU5PUSuArDXJdCWZvUFEbgJ2wcmtSJWn", Network.TESTNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("02" + "ff".repeat(32), Network.MAINNET), Reason.MALFORMED);
    assertReason(() -> ApproverKey.parse("13vU5PUSuArDXJdCWZvUF bgJ2wcmtSJWn", Network.MAINNET), Reason.MALFORMED);
    // bech32 (not bech32m) checksum on a witness v1 program is invalid per BIP-350
    assertReason(() -> ApproverKey.parse(bech32V1WithBech32Checksum(), Network.MAINNET), Reason.MALFORMED);
  }

  private static String bech32V1WithBech32Checksum() {
    byte[] program = HexFormat.of().parseHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    Byte[] words = fr.acinq.bitcoin.Bech32.eight2five(program);
    Byte[] data = new Byte[words.length + 1];
    data[0] = 1;
    System.arraycopy(words, 0, data, 1, words.length);
    return fr.acinq.bitcoin.Bech32.encode("bc", data, fr.acinq.bitcoin.Bech32.Encoding.Bech32);
  }
}
