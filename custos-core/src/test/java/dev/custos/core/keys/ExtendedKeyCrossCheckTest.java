package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.DeterministicWallet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style cross-check of BIP32 derivation against bitcoin-kmp's independent
 * DeterministicWallet, on seeded random seeds and paths.
 */
class ExtendedKeyCrossCheckTest {
  private static final int ROUNDS = 60;

  @Test
  void privateDerivationMatchesBitcoinKmp() {
    Random random = new Random(32);
    for (int round = 0; round < ROUNDS; round++) {
      byte[] seed = new byte[16 + random.nextInt(49)];
      random.nextBytes(seed);
      List<Long> path = randomPath(random, 1 + random.nextInt(5), true);

      DeterministicWallet.ExtendedPrivateKey expected =
          DeterministicWallet.derivePrivateKey(DeterministicWallet.generate(seed), path);
      DeterministicWallet.ExtendedPublicKey expectedPub = DeterministicWallet.publicKey(expected);
      try (SecretBytes s = SecretBytes.copyOf(seed);
          ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
          ExtendedPrivateKey key = master.derive(new KeyPath(path))) {
        byte[] expectedSecret = expected.secretkeybytes.toByteArray();
        assertThat(key.<Boolean>withPrivateKey(k -> Arrays.equals(k, expectedSecret))).isTrue();
        assertThat(key.publicKey()).isEqualTo(expected.getPublicKey());
        assertThat(key.fingerprint()).isEqualTo((int) DeterministicWallet.fingerprint(expected));
        assertThat(key.parentFingerprint()).isEqualTo((int) expected.parent);
        assertThat(key.neuter().encode(Network.MAINNET))
            .isEqualTo(DeterministicWallet.encode(expectedPub, DeterministicWallet.xpub));
        assertThat(key.neuter().encode(Network.TESTNET))
            .isEqualTo(DeterministicWallet.encode(expectedPub, DeterministicWallet.tpub));
      }
    }
  }

  @Test
  void publicDerivationMatchesBitcoinKmp() throws Exception {
    Random random = new Random(33);
    for (int round = 0; round < ROUNDS; round++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      List<Long> accountPath = randomPath(random, 3, true);
      List<Long> relative = randomPath(random, 1 + random.nextInt(3), false);

      DeterministicWallet.ExtendedPublicKey account = DeterministicWallet.publicKey(
          DeterministicWallet.derivePrivateKey(DeterministicWallet.generate(seed), accountPath));
      String expected = DeterministicWallet.encode(
          DeterministicWallet.derivePublicKey(account, relative), DeterministicWallet.xpub);

      ExtendedPublicKey parsed = ExtendedPublicKey.parse(DeterministicWallet.encode(account, DeterministicWallet.xpub));
      assertThat(parsed.derive(new KeyPath(relative)).encode(Network.MAINNET)).isEqualTo(expected);
    }
  }

  @Test
  void publicKeysRefuseHardenedChildren() throws Exception {
    byte[] seed = new byte[32];
    try (SecretBytes s = SecretBytes.copyOf(seed); ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s)) {
      ExtendedPublicKey xpub = master.neuter();
      assertThatThrownBy(() -> xpub.deriveChild(KeyPath.hardened(0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-hardened");
    }
  }

  @Test
  void closedKeyRefusesUseAndHidesItself() {
    ExtendedPrivateKey master;
    try (SecretBytes s = SecretBytes.copyOf(new byte[16])) {
      master = ExtendedPrivateKey.fromSeed(s);
    }
    assertThat(master.toString()).isEqualTo("ExtendedPrivateKey[<secret>, path=m]");
    master.close();
    assertThatThrownBy(master::neuter).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> master.withPrivateKey(k -> k.length)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void seedLengthIsChecked() {
    try (SecretBytes s = SecretBytes.copyOf(new byte[15])) {
      assertThatThrownBy(() -> ExtendedPrivateKey.fromSeed(s))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("BIP32 seed is 16 to 64 bytes, not 15");
    }
  }

  private static List<Long> randomPath(Random random, int depth, boolean allowHardened) {
    List<Long> path = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      long index = random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(10);
      path.add(allowHardened && random.nextBoolean() ? KeyPath.hardened(index) : index);
    }
    return path;
  }
}
