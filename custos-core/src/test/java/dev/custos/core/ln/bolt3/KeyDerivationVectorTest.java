package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BOLT 3 Appendix E, read from the unmodified spec text. */
class KeyDerivationVectorTest {
  private static final String APPENDIX = BoltTextVectors.appendix("Appendix E");
  private static final Map<String, String> SHARED = BoltTextVectors.preamble(APPENDIX);
  private static final List<BoltTextVectors.Case> CASES = BoltTextVectors.cases(APPENDIX);

  private static PublicKey point(String key) {
    return new PublicKey(Hex.bytes(SHARED.get(key)));
  }

  private static String expected(String caseName, String key) {
    return CASES.stream().filter(c -> c.name().equals(caseName)).findFirst().orElseThrow().get(key);
  }

  @Test
  void basepointAndPerCommitmentPointAreTheSecretsTimesG() {
    try (SecretBytes base = Hex.privateKey(SHARED.get("base_secret"));
        SecretBytes pcs = Hex.privateKey(SHARED.get("per_commitment_secret"))) {
      assertThat(KeyDerivation.publicKeyOf(base)).isEqualTo(point("base_point"));
      assertThat(KeyDerivation.publicKeyOf(pcs)).isEqualTo(point("per_commitment_point"));
    }
  }

  @Test
  void derivesLocalPubkey() {
    PublicKey derived = KeyDerivation.derivePublicKey(point("base_point"), point("per_commitment_point"));
    assertThat(Hex.of(derived.value.toByteArray()))
        .isEqualTo(expected("derivation of pubkey from basepoint and per_commitment_point", "localpubkey").substring(2));
  }

  @Test
  void derivesLocalPrivkeyMatchingThePubkey() {
    try (SecretBytes base = Hex.privateKey(SHARED.get("base_secret"));
        SecretBytes priv = KeyDerivation.derivePrivateKey(base, point("per_commitment_point"))) {
      assertThat(Hex.of(priv.copy()))
          .isEqualTo(expected("derivation of private key from basepoint secret and per_commitment_secret", "localprivkey").substring(2));
      assertThat(KeyDerivation.publicKeyOf(priv))
          .isEqualTo(KeyDerivation.derivePublicKey(point("base_point"), point("per_commitment_point")));
    }
  }

  @Test
  void derivesRevocationPubkey() {
    PublicKey derived = KeyDerivation.revocationPublicKey(point("base_point"), point("per_commitment_point"));
    assertThat(Hex.of(derived.value.toByteArray()))
        .isEqualTo(expected("derivation of revocation pubkey from basepoint and per_commitment_point", "revocationpubkey").substring(2));
  }

  @Test
  void derivesRevocationPrivkeyMatchingThePubkey() {
    try (SecretBytes base = Hex.privateKey(SHARED.get("base_secret"));
        SecretBytes pcs = Hex.privateKey(SHARED.get("per_commitment_secret"));
        SecretBytes priv = KeyDerivation.revocationPrivateKey(base, pcs)) {
      assertThat(Hex.of(priv.copy()))
          .isEqualTo(expected("derivation of revocation secret from basepoint_secret and per_commitment_secret", "revocationprivkey").substring(2));
      assertThat(KeyDerivation.publicKeyOf(priv))
          .isEqualTo(KeyDerivation.revocationPublicKey(point("base_point"), point("per_commitment_point")));
      assertThat(base.isDestroyed()).isFalse();
      assertThat(Hex.of(base.copy())).isEqualTo(SHARED.get("base_secret").substring(2));
    }
  }
}
