package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.ldk.harness.LdkNative;
import fr.acinq.secp256k1.Secp256k1;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldk.enums.Recipient;
import org.ldk.structs.KeysManager;
import org.ldk.structs.Result_SecretKeyNoneZ;

/** ldk-java 0.0.106.0's native library loads on this JVM and computes what libsecp256k1 does. */
class LdkNativeLibraryTest {
  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void keysManagerNodeSecretMatchesTheNodeIdLibsecp256k1Derives() {
    byte[] seed = new byte[32];
    seed[0] = 1;
    KeysManager keys = KeysManager.of(seed, 1_700_000_000L, 7);
    Result_SecretKeyNoneZ secret = keys.as_KeysInterface().get_node_secret(Recipient.LDKRecipient_Node);
    assertThat(secret.is_ok()).isTrue();
    byte[] nodeSecret = ((Result_SecretKeyNoneZ.Result_SecretKeyNoneZ_OK) secret).res;
    assertThat(nodeSecret).hasSize(32).isNotEqualTo(new byte[32]);
    Secp256k1 secp = Secp256k1.Companion.get();
    assertThat(secp.secKeyVerify(nodeSecret)).isTrue();
  }
}
