package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.DeterministicWallet;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The macaroon root key vault: its reserved path, a KEK recomputed independently (bitcoin-kmp's
 * BIP32 and Bouncy Castle's HMAC), the sealed format opened and produced by the JDK cipher directly,
 * and every way a sealed key must fail to open.
 */
class RootKeyVaultTest {
  private static final RootKeyId ID = RootKeyId.parse("0102030405060708");
  private static final RootKeyId OTHER_ID = RootKeyId.parse("0102030405060709");

  private static byte[] seed(int value) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) value);
    return s;
  }

  private static RootKeyVault vault(byte[] seed) {
    try (SecretBytes s = SecretBytes.copyOf(seed); ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s)) {
      return RootKeyVault.derive(master);
    }
  }

  /** The KEK as docs/macaroons.md defines it, computed without any Custos key code. */
  private static byte[] independentKek(byte[] seed) {
    DeterministicWallet.ExtendedPrivateKey node = DeterministicWallet.derivePrivateKey(
        DeterministicWallet.generate(seed), List.of(67858384L | KeyPath.HARDENED, 1L | KeyPath.HARDENED));
    HMac hmac = new HMac(new SHA256Digest());
    hmac.init(new KeyParameter("custos/macaroon-kek/v1".getBytes(StandardCharsets.US_ASCII)));
    byte[] priv = node.getPrivateKey().value.toByteArray();
    hmac.update(priv, 0, priv.length);
    byte[] out = new byte[32];
    hmac.doFinal(out, 0);
    return out;
  }

  private static byte[] aad(RootKeyId id) {
    byte[] prefix = "custos/macaroon-root-key/v1".getBytes(StandardCharsets.US_ASCII);
    byte[] aad = Arrays.copyOf(prefix, prefix.length + 8);
    System.arraycopy(id.bytes(), 0, aad, prefix.length, 8);
    return aad;
  }

  @Test
  void pathIsHardenedNextToTheAuditKey() {
    assertThat(RootKeyVault.PATH.toString()).isEqualTo("m/67858384'/1'");
    assertThat(RootKeyVault.PATH.indexes()).allMatch(KeyPath::isHardened);
    assertThat(RootKeyVault.PATH).isNotEqualTo(dev.custos.core.audit.AuditKey.PATH);
  }

  @Test
  void sealedKeysOpenWithTheIndependentlyDerivedKekAndTheJdkCipher() throws Exception {
    Random random = new Random(4242);
    for (int round = 0; round < 10; round++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      byte[] rootKey = new byte[32];
      random.nextBytes(rootKey);
      RootKeyId id = RootKeyId.random(new SecureRandom());
      byte[] sealed;
      try (RootKeyVault v = vault(seed); SecretBytes k = SecretBytes.copyOf(rootKey)) {
        sealed = v.seal(id, k, new SecureRandom());
      }
      assertThat(sealed).hasSize(RootKeyVault.SEALED_BYTES);
      assertThat(sealed[0]).isEqualTo((byte) 1);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(independentKek(seed), "AES"),
          new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 1, 13)));
      c.updateAAD(aad(id));
      assertThat(c.doFinal(sealed, 13, sealed.length - 13)).isEqualTo(rootKey);
    }
  }

  /** The frozen format: a key sealed by the JDK cipher alone, as documented, must keep opening. */
  @Test
  void aKeySealedIndependentlyAsDocumentedOpens() throws Exception {
    byte[] seed = seed(0x5a);
    byte[] rootKey = seed(0x11);
    byte[] nonce = new byte[12];
    Arrays.fill(nonce, (byte) 0xaa);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(independentKek(seed), "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad(ID));
    byte[] body = c.doFinal(rootKey);
    byte[] sealed = new byte[1 + 12 + body.length];
    sealed[0] = 1;
    System.arraycopy(nonce, 0, sealed, 1, 12);
    System.arraycopy(body, 0, sealed, 13, body.length);
    try (RootKeyVault v = vault(seed); SecretBytes opened = v.unseal(ID, sealed)) {
      assertThat(opened.copy()).isEqualTo(rootKey);
    }
  }

  @Test
  void roundTripsAndEverySealUsesAFreshNonce() throws Exception {
    try (RootKeyVault v = vault(seed(1)); SecretBytes key = RootKeyVault.newRootKey(new SecureRandom())) {
      byte[] a = v.seal(ID, key, new SecureRandom());
      byte[] b = v.seal(ID, key, new SecureRandom());
      assertThat(a).isNotEqualTo(b);
      try (SecretBytes openedA = v.unseal(ID, a); SecretBytes openedB = v.unseal(ID, b)) {
        assertThat(openedA.equalsConstantTime(key)).isTrue();
        assertThat(openedB.equalsConstantTime(key)).isTrue();
      }
    }
  }

  @Test
  void aKeySealedUnderAnotherIdDoesNotOpen() {
    try (RootKeyVault v = vault(seed(1)); SecretBytes key = RootKeyVault.newRootKey(new SecureRandom())) {
      byte[] sealed = v.seal(ID, key, new SecureRandom());
      assertThatThrownBy(() -> v.unseal(OTHER_ID, sealed))
          .isInstanceOf(RootKeyUnsealException.class)
          .hasMessage("sealed root key 0102030405060709 does not authenticate: sealed under another id or seed, or altered");
    }
  }

  @Test
  void anotherSeedOrAnyFlippedBitDoesNotOpen() {
    byte[] sealed;
    try (RootKeyVault v = vault(seed(1)); SecretBytes key = RootKeyVault.newRootKey(new SecureRandom())) {
      sealed = v.seal(ID, key, new SecureRandom());
    }
    try (RootKeyVault other = vault(seed(2))) {
      assertThatThrownBy(() -> other.unseal(ID, sealed)).isInstanceOf(RootKeyUnsealException.class);
    }
    try (RootKeyVault v = vault(seed(1))) {
      for (int i = 0; i < sealed.length; i++) {
        byte[] bad = sealed.clone();
        bad[i] ^= 0x01;
        assertThatThrownBy(() -> v.unseal(ID, bad)).as("byte " + i).isInstanceOf(RootKeyUnsealException.class);
      }
      assertThatThrownBy(() -> v.unseal(ID, Arrays.copyOf(sealed, 60)))
          .isInstanceOf(RootKeyUnsealException.class).hasMessage("sealed root key 0102030405060708 is 60 bytes, expected 61");
      byte[] v2 = sealed.clone();
      v2[0] = 2;
      assertThatThrownBy(() -> v.unseal(ID, v2))
          .isInstanceOf(RootKeyUnsealException.class).hasMessageContaining("unknown format version 2");
    }
  }

  @Test
  void refusesANonMasterKeyAndWrongKeySizes() {
    try (SecretBytes s = SecretBytes.copyOf(seed(1));
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
        ExtendedPrivateKey account = master.derive(KeyPath.parse("m/84'/0'/0'"))) {
      assertThatThrownBy(() -> RootKeyVault.derive(account)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("m/84'/0'/0'");
    }
    try (RootKeyVault v = vault(seed(1)); SecretBytes shortKey = SecretBytes.copyOf(new byte[16])) {
      assertThatThrownBy(() -> v.seal(ID, shortKey, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hidesItselfAndRefusesWorkAfterClose() {
    RootKeyVault v = vault(seed(1));
    assertThat(v.toString()).isEqualTo("<secret>");
    v.close();
    v.close();
    try (SecretBytes key = RootKeyVault.newRootKey(new SecureRandom())) {
      assertThatThrownBy(() -> v.seal(ID, key, new SecureRandom())).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void rootKeyIdsParseHexAndRefuseAnythingElse() {
    assertThat(RootKeyId.parse("A1B2C3D4E5F60718").toHex()).isEqualTo("a1b2c3d4e5f60718");
    for (String bad : new String[] {"", "0102", "010203040506070809", "01020304050607zz", "0x01020304050607"}) {
      assertThatThrownBy(() -> RootKeyId.parse(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("root key id '" + bad + "' is not 16 hex digits");
    }
    assertThat(RootKeyId.ofStorageId("0".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(RootKeyId.ofStorageId(ID.bytes())).contains(ID);
    assertThat(RootKeyId.parse("0102030405060708")).isEqualTo(ID).hasSameHashCodeAs(ID);
    assertThat(HexFormat.of().formatHex(ID.bytes())).isEqualTo(ID.toString());
  }
}
