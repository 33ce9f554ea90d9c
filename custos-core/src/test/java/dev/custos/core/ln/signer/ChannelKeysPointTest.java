package dev.custos.core.ln.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Remembered per-commitment points ({@link RecentPoints}) are always the point of the number asked
 * for, also across slot reuse and in copies; each is checked against bitcoin-kmp's own
 * {@code secret * G}, not against our derivation.
 */
class ChannelKeysPointTest {
  @Test
  void everyPointIsSecretTimesGWhetherRememberedOrNot() {
    byte[] node = new byte[32];
    Arrays.fill(node, (byte) 0x33);
    try (SecretBytes secret = SecretBytes.copyOf(node);
        ChannelKeys keys = ChannelKeys.derive(secret, ChannelId.fromHex("77".repeat(32)));
        ChannelKeys copy = keys.copy()) {
      long[] asked = {0, 1, 2, 1, 5, 1, 6, 2, 9, 5, 13, 9, 281_474_976_710_655L, 3};
      for (int i = 0; i < asked.length; i++) {
        ChannelKeys k = i % 2 == 0 ? keys : copy;
        assertThat(k.perCommitmentPoint(asked[i])).as("point %d", asked[i]).isEqualTo(reference(keys, asked[i]));
      }
    }
  }

  private static PublicKey reference(ChannelKeys keys, long n) {
    try (SecretBytes s = keys.perCommitmentSecret(n)) {
      return s.use(b -> new PrivateKey(new ByteVector32(b.clone())).publicKey());
    }
  }
}
