package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.secret.SecretBytes;

/**
 * Whatever the stored bytes, {@link RootKeyVault#unseal} either opens a 32-byte root key or throws
 * {@link RootKeyUnsealException} naming the id (the store is not trusted for integrity).
 */
class RootKeyVaultFuzzTest {
  private static final RootKeyId ID = RootKeyId.parse("0102030405060708");

  @FuzzTest(maxDuration = "10s")
  void unsealThrowsOnlyRootKeyUnsealException(byte[] data) {
    try (SecretBytes seed = SecretBytes.copyOf(new byte[32]);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
        RootKeyVault vault = RootKeyVault.derive(master)) {
      try (SecretBytes key = vault.unseal(ID, data)) {
        assertThat(key.length()).isEqualTo(RootKeyVault.ROOT_KEY_BYTES);
      } catch (RootKeyUnsealException e) {
        assertThat(e.getMessage()).startsWith("sealed root key 0102030405060708 ");
      }
    }
  }
}
