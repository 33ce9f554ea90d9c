package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;

/**
 * Whatever the bytes, every FROST decoder either returns a value that re-encodes to exactly
 * those bytes, or throws {@link FrostException} with kind {@code MALFORMED_ENCODING}; nothing
 * else escapes. The first byte selects the decoder: signing commitments, VSS commitment,
 * signature share, proof of knowledge (BIP340 and RFC 9591 encodings), element, identifier,
 * persisted signing nonces. Seeds: valid encodings from the vectors.
 */
class FrostDecodeFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyFrostException(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] body = Arrays.copyOfRange(data, 1, data.length);
    try {
      switch (Math.floorMod(data[0], 8)) {
        case 0 -> assertThat(SigningCommitments.decode(body).encode()).isEqualTo(body);
        case 1 -> assertThat(VssCommitment.decode(body).encode()).isEqualTo(body);
        case 2 -> assertThat(SignatureShare.decode(Identifier.of(1), body).encode()).isEqualTo(body);
        case 3 -> assertThat(ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, body).encode(ZfSecp256k1Taproot.INSTANCE))
            .isEqualTo(body);
        case 4 -> assertThat(ProofOfKnowledge.decode(Rfc9591Secp256k1.INSTANCE, body).encode(Rfc9591Secp256k1.INSTANCE))
            .isEqualTo(body);
        case 5 -> assertThat(GroupElement.decode(body).encode()).isEqualTo(body);
        case 6 -> assertThat(Identifier.decode(body).encode()).isEqualTo(body);
        default -> {
          try (SecretBytes secret = SecretBytes.copyOf(body);
              SigningNonces nonces = SigningNonces.fromSecretBytes(Identifier.of(1), secret);
              SecretBytes again = nonces.toSecretBytes()) {
            assertThat(again.equalsConstantTime(secret)).isTrue();
          }
        }
      }
    } catch (FrostException e) {
      assertThat(e.kind()).isEqualTo(FrostException.Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage()).startsWith("frost: ");
    }
  }
}
