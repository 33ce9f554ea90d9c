package dev.custos.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Raw BIP340 approvals. The signer is libsecp256k1 ({@code signSchnorr}), not Custos code; the
 * digest is recomputed here from its definition with the JDK's SHA-256.
 */
class Bip340MessageTest {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  private static final byte[] SECRET = Crypto.sha256("custos bip340 approver".getBytes(StandardCharsets.UTF_8));
  private static final String TEXT = "custos/v1 approve spend mainnet request=00 expires=2030-01-01T00:00:00Z summary=test";

  static String sign(String text, byte[] secret) {
    byte[] digest = Bip340Message.digest(text.getBytes(StandardCharsets.UTF_8)).toByteArray();
    return HexFormat.of().formatHex(SECP.signSchnorr(digest, secret, new byte[32]));
  }

  static ApproverKey.XOnlyKey xOnly(byte[] secret) {
    return new ApproverKey.XOnlyKey(new ByteVector(SECP.pubKeyCompress(SECP.pubkeyCreate(secret))).drop(1));
  }

  @Test
  void digestIsTheBip340TaggedHashOfTheExactBytes() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] tag = sha.digest("CustosSignedMessage".getBytes(StandardCharsets.US_ASCII));
    sha.update(tag);
    sha.update(tag);
    byte[] expected = sha.digest(TEXT.getBytes(StandardCharsets.UTF_8));
    assertThat(Bip340Message.digest(TEXT.getBytes(StandardCharsets.UTF_8)).toByteArray()).isEqualTo(expected);
  }

  @Test
  void validForXOnlyAndCompressedKeyRefusedOtherwise() throws Exception {
    String sig = sign(TEXT, SECRET);
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    Bip340Message.verify(text, sig, xOnly(SECRET));
    Bip340Message.verify(text, sig, new ApproverKey.CompressedKey(new ByteVector(SECP.pubKeyCompress(SECP.pubkeyCreate(SECRET)))));
    Bip340Message.verify(text, sig.toUpperCase(java.util.Locale.ROOT), xOnly(SECRET));

    assertReason(() -> Bip340Message.verify((TEXT + ".").getBytes(StandardCharsets.UTF_8), sig, xOnly(SECRET)), SignatureRejectedException.Reason.INVALID);
    byte[] other = Crypto.sha256("someone else".getBytes(StandardCharsets.UTF_8));
    assertReason(() -> Bip340Message.verify(text, sig, xOnly(other)), SignatureRejectedException.Reason.INVALID);
    char[] flipped = sig.toCharArray();
    flipped[100] = flipped[100] == '0' ? '1' : '0';
    assertReason(() -> Bip340Message.verify(text, new String(flipped), xOnly(SECRET)), SignatureRejectedException.Reason.INVALID);
    assertReason(() -> Bip340Message.verify(text, sig.substring(2), xOnly(SECRET)), SignatureRejectedException.Reason.MALFORMED);
    assertReason(() -> Bip340Message.verify(text, "zz" + sig.substring(2), xOnly(SECRET)), SignatureRejectedException.Reason.MALFORMED);
    ApproverKey address = ApproverKey.parse("bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l", Network.MAINNET);
    assertReason(() -> Bip340Message.verify(text, sig, address), SignatureRejectedException.Reason.UNSUPPORTED);
  }

  @Test
  void aBip340SignatureIsNotABip322OrBip137One() throws Exception {
    String sig = sign(TEXT, SECRET);
    assertThatThrownBy(() -> MessageVerifier.verify(xOnly(SECRET), SignatureFormat.BIP137, sig, TEXT))
        .isInstanceOf(SignatureRejectedException.class);
    assertThatThrownBy(() -> MessageVerifier.verify(xOnly(SECRET), SignatureFormat.BIP322, sig, TEXT))
        .isInstanceOf(SignatureRejectedException.class);
    MessageVerifier.verify(xOnly(SECRET), SignatureFormat.BIP340, sig, TEXT);
  }

  static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SignatureRejectedException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
