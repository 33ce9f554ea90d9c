package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.seal.FixedSecureRandom;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit key: its reserved path, derivation cross-checked with bitcoin-kmp, and secrecy. */
class AuditKeyTest {

  @Test
  void pathIsHardenedAndNoBip43AccountPurpose() {
    assertThat(AuditKey.PATH.toString()).isEqualTo("m/67858384'/0'");
    assertThat(AuditKey.PATH.indexes()).allMatch(KeyPath::isHardened);
    long purpose = AuditKey.PATH.indexes().getFirst() & ~KeyPath.HARDENED;
    // BIP44, BIP45, BIP48, BIP49, BIP84, BIP86 account purposes and BIP85's "SEED".
    assertThat(Set.of(44L, 45L, 48L, 49L, 84L, 86L, 83696968L)).doesNotContain(purpose);
    assertThat(purpose).isEqualTo(Long.parseLong("" + (int) 'C' + (int) 'U' + (int) 'S' + (int) 'T'));
  }

  @Test
  void publicKeyIsTheXonlyKeyBitcoinKmpDerivesAtThePath() {
    Random random = new Random(1000);
    for (int round = 0; round < 20; round++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      DeterministicWallet.ExtendedPrivateKey expected = DeterministicWallet.derivePrivateKey(
          DeterministicWallet.generate(seed), List.of(67858384L | KeyPath.HARDENED, KeyPath.HARDENED));
      try (SecretBytes s = SecretBytes.copyOf(seed);
          ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
          AuditKey key = AuditKey.derive(master)) {
        assertThat(key.publicKey()).isEqualTo(new XonlyPublicKey(expected.getPublicKey()));
      }
    }
  }

  @Test
  void signsWithTheDerivedKeyAndLibsecpVerifies() {
    ByteVector32 digest = new ByteVector32("1111111111111111111111111111111111111111111111111111111111111111");
    try (SecretBytes s = SecretBytes.copyOf(new byte[32]);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
        AuditKey key = AuditKey.derive(master)) {
      byte[] sig = key.sign(digest, new FixedSecureRandom(7));
      assertThat(Secp256k1.get().verifySchnorr(sig, digest.toByteArray(), key.publicKey().value.toByteArray())).isTrue();
    }
  }

  @Test
  void refusesAKeyThatIsNotTheMaster() {
    try (SecretBytes s = SecretBytes.copyOf(new byte[32]);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
        ExtendedPrivateKey account = master.derive(KeyPath.parse("m/84'/0'/0'"))) {
      assertThatThrownBy(() -> AuditKey.derive(account))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the audit key is derived from the master key, not from m/84'/0'/0'");
    }
  }

  @Test
  void hidesItselfAndRefusesToSignAfterClose() {
    AuditKey key;
    try (SecretBytes s = SecretBytes.copyOf(new byte[32]); ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s)) {
      key = AuditKey.derive(master);
    }
    assertThat(key.toString()).isEqualTo("<secret>");
    XonlyPublicKey publicKey = key.publicKey();
    key.close();
    key.close();
    assertThat(key.publicKey()).isEqualTo(publicKey);
    assertThatThrownBy(() -> key.sign(ByteVector32.Zeroes, new FixedSecureRandom(0)))
        .isInstanceOf(IllegalStateException.class);
  }
}
