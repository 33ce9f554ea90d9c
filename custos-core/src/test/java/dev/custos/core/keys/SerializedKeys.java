package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import fr.acinq.bitcoin.Base58Check;
import java.util.Arrays;
import kotlin.Pair;

/**
 * Compares our keys with serialized extended keys from vector files. The serialized form is
 * decoded by bitcoin-kmp's Base58Check, so expected values never come from code under test. The
 * version bytes are returned to the caller because BIP84 vectors use SLIP-132 (zprv/zpub).
 */
final class SerializedKeys {
  private SerializedKeys() {}

  /** Asserts that {@code serialized} (any version) holds exactly {@code key}; returns its version. */
  static int assertSamePrivateKey(ExtendedPrivateKey key, String serialized) {
    Pair<Integer, byte[]> decoded = Base58Check.decodeWithIntPrefix(serialized);
    byte[] p = decoded.getSecond();
    assertThat(p).hasSize(74);
    assertThat(p[0] & 0xFF).isEqualTo(key.depth());
    assertThat(readInt(p, 1)).isEqualTo(key.parentFingerprint());
    assertThat(readInt(p, 5) & 0xFFFF_FFFFL).isEqualTo(key.childNumber());
    assertThat(Arrays.copyOfRange(p, 9, 41)).isEqualTo(key.neuter().chainCode().toByteArray());
    assertThat(p[41]).isZero();
    byte[] expectedKey = Arrays.copyOfRange(p, 42, 74);
    assertThat(key.<Boolean>withPrivateKey(k -> Arrays.equals(k, expectedKey))).isTrue();
    return decoded.getFirst();
  }

  /** Asserts that {@code serialized} (any version) holds exactly {@code key}; returns its version. */
  static int assertSamePublicKey(ExtendedPublicKey key, String serialized) {
    Pair<Integer, byte[]> expected = Base58Check.decodeWithIntPrefix(serialized);
    Pair<Integer, byte[]> actual = Base58Check.decodeWithIntPrefix(key.encode(Network.MAINNET));
    assertThat(actual.getSecond()).isEqualTo(expected.getSecond());
    return expected.getFirst();
  }

  private static int readInt(byte[] b, int offset) {
    return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
        | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
  }
}
