package dev.custos.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.TestWallets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache hands out the key of exactly the ciphertext it is given, and zeroizes what it drops. */
class OpenedRootKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final RootKeyId ID = RootKeyId.parse("0011223344556677");

  private ExtendedPrivateKey master;
  private RootKeyVault vault;
  private OpenedRootKeys opened;

  @BeforeEach
  void unlock() {
    master = TestWallets.master(TestWallets.ABANDON);
    vault = RootKeyVault.derive(master);
    opened = new OpenedRootKeys(vault);
  }

  @AfterEach
  void lock() {
    opened.close();
    vault.close();
    master.close();
  }

  private static byte[] bytes(SecretBytes key) {
    try (key) {
      return key.copy();
    }
  }

  @Test
  void opensOnceAndHandsOutIndependentCopies() throws Exception {
    try (SecretBytes root = RootKeyVault.newRootKey(RANDOM)) {
      byte[] sealed = vault.seal(ID, root, RANDOM);
      SecretBytes first = opened.open(ID, sealed);
      assertThat(bytes(first)).isEqualTo(root.copy());
      assertThat(first.isDestroyed()).isTrue();
      // The caller closed its copy; the cached key still opens the next call.
      assertThat(bytes(opened.open(ID, sealed))).isEqualTo(root.copy());
    }
  }

  @Test
  void anotherCiphertextUnderTheSameIdIsOpenedAnew() throws Exception {
    try (SecretBytes oldKey = RootKeyVault.newRootKey(RANDOM); SecretBytes newKey = RootKeyVault.newRootKey(RANDOM)) {
      byte[] oldSealed = vault.seal(ID, oldKey, RANDOM);
      byte[] newSealed = vault.seal(ID, newKey, RANDOM);
      assertThat(bytes(opened.open(ID, oldSealed))).isEqualTo(oldKey.copy());
      assertThat(bytes(opened.open(ID, newSealed))).isEqualTo(newKey.copy());
      assertThat(bytes(opened.open(ID, oldSealed))).isEqualTo(oldKey.copy());
    }
  }

  @Test
  void aCachedKeyIsNeverHandedOutForAlteredOrForeignCiphertext() throws Exception {
    try (SecretBytes root = RootKeyVault.newRootKey(RANDOM)) {
      byte[] sealed = vault.seal(ID, root, RANDOM);
      bytes(opened.open(ID, sealed));
      byte[] altered = Arrays.copyOf(sealed, sealed.length);
      altered[altered.length - 1] ^= 1;
      assertThatThrownBy(() -> opened.open(ID, altered)).isInstanceOf(RootKeyUnsealException.class);
      assertThatThrownBy(() -> opened.open(RootKeyId.parse("8899aabbccddeeff"), sealed)).isInstanceOf(RootKeyUnsealException.class);
    }
  }

  @Test
  void forgetAndCloseMakeTheNextOpenUnsealAgain() throws Exception {
    try (SecretBytes root = RootKeyVault.newRootKey(RANDOM)) {
      byte[] sealed = vault.seal(ID, root, RANDOM);
      bytes(opened.open(ID, sealed));
      opened.forget(ID);
      assertThat(bytes(opened.open(ID, sealed))).isEqualTo(root.copy());
      opened.close();
      // Closed with the vault on stop: nothing is served from memory any more.
      vault.close();
      assertThatThrownBy(() -> opened.open(ID, sealed)).isInstanceOf(IllegalStateException.class);
    }
  }
}
