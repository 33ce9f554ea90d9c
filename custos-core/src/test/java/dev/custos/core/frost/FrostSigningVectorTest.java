package dev.custos.core.frost;

import static dev.custos.core.frost.VectorFiles.HEX;
import static dev.custos.core.frost.VectorFiles.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.core.secret.SecretBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two-party signing vectors of RFC 9591 (Appendix E.5) and ZF frost-secp256k1-tr, reproduced
 * step by step from the files: nonces from the given randomness, commitments, binding-factor
 * inputs and factors, signature shares, share verification and the aggregate signature, which is
 * then checked again with libsecp256k1 ({@link IndependentSchnorrCheck}).
 */
class FrostSigningVectorTest {

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("rfc9591-frost-secp256k1-sha256.json", Rfc9591Secp256k1.INSTANCE),
        Arguments.of("zf-secp256k1-tr-vectors.json", ZfSecp256k1Taproot.INSTANCE),
        Arguments.of("zf-secp256k1-tr-vectors-big-identifier.json", ZfSecp256k1Taproot.INSTANCE));
  }

  record Session(
      JsonNode vector, Frost frost, GroupElement groupKey, Map<Identifier, KeyPackage> keys,
      Map<Identifier, SigningNonces> nonces, SigningPackage signingPackage, PublicKeyPackage publicKeys) {}

  static Session load(String file, FrostDialect dialect) throws FrostException {
    JsonNode v = VectorFiles.read(file);
    JsonNode inputs = v.get("inputs");
    JsonNode keyNode = inputs.has("group_public_key") ? inputs.get("group_public_key") : inputs.get("verifying_key_key");
    GroupElement groupKey = GroupElement.decode(hex(keyNode));
    int minSigners = inputs.get("participant_list").size();
    Frost frost = new Frost(dialect);
    Map<Identifier, KeyPackage> keys = new LinkedHashMap<>();
    Map<Identifier, GroupElement> verifying = new HashMap<>();
    for (JsonNode share : inputs.get("participant_shares")) {
      Identifier id = Identifier.of(share.get("identifier").asInt());
      KeyPackage key = KeyPackage.of(
          id, SigningShare.of(SecretBytes.takeOwnership(hex(share.get("participant_share")))), groupKey, minSigners);
      keys.put(id, key);
      verifying.put(id, key.verifyingShare());
    }
    Map<Identifier, SigningNonces> nonces = new LinkedHashMap<>();
    List<SigningCommitments> commitments = new ArrayList<>();
    for (JsonNode out : v.get("round_one_outputs").get("outputs")) {
      Identifier id = Identifier.of(out.get("identifier").asInt());
      ScriptedSecureRandom random = new ScriptedSecureRandom(
          List.of(hex(out.get("hiding_nonce_randomness")), hex(out.get("binding_nonce_randomness"))));
      SigningNonces n = frost.commit(keys.get(id), random);
      assertThat(random.exhausted()).isTrue();
      nonces.put(id, n);
      commitments.add(n.commitments());
    }
    SigningPackage pkg = new SigningPackage(commitments, hex(inputs.get("message")));
    return new Session(v, frost, groupKey, keys, nonces, pkg, new PublicKeyPackage(verifying, groupKey));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void dealerSharesLieOnThePolynomialOfTheGroupSecret(String file, FrostDialect dialect) throws FrostException {
    JsonNode inputs = VectorFiles.read(file).get("inputs");
    BigInteger secret = new BigInteger(1, hex(inputs.get("group_secret_key")));
    List<BigInteger> coefficients = new ArrayList<>(List.of(secret));
    inputs.get("share_polynomial_coefficients").forEach(c -> coefficients.add(new BigInteger(1, hex(c))));
    Session s = load(file, dialect);
    assertThat(GroupElement.generatorTimes(new Scalar(secret))).isEqualTo(s.groupKey());
    for (JsonNode share : inputs.get("participant_shares")) {
      BigInteger x = BigInteger.valueOf(share.get("identifier").asInt());
      BigInteger y = BigInteger.ZERO;
      for (int i = coefficients.size() - 1; i >= 0; i--) {
        y = y.multiply(x).add(coefficients.get(i)).mod(Scalar.ORDER);
      }
      assertThat(IndependentSchnorrCheck.toBytes32(y)).isEqualTo(hex(share.get("participant_share")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void roundOneReproducesNoncesAndCommitments(String file, FrostDialect dialect) throws FrostException {
    Session s = load(file, dialect);
    for (JsonNode out : s.vector().get("round_one_outputs").get("outputs")) {
      SigningNonces n = s.nonces().get(Identifier.of(out.get("identifier").asInt()));
      try (SecretBytes both = n.toSecretBytes()) {
        byte[] raw = both.copy();
        assertThat(HEX.formatHex(Arrays.copyOfRange(raw, 0, 32))).isEqualTo(out.get("hiding_nonce").asText());
        assertThat(HEX.formatHex(Arrays.copyOfRange(raw, 32, 64))).isEqualTo(out.get("binding_nonce").asText());
        Arrays.fill(raw, (byte) 0);
      }
      assertThat(n.commitments().hiding().encode()).isEqualTo(hex(out.get("hiding_nonce_commitment")));
      assertThat(n.commitments().binding().encode()).isEqualTo(hex(out.get("binding_nonce_commitment")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void bindingFactorsMatch(String file, FrostDialect dialect) throws FrostException {
    Session s = load(file, dialect);
    Map<Identifier, byte[]> inputs = s.frost().bindingFactorInputs(s.signingPackage(), s.groupKey());
    Map<Identifier, Scalar> factors = s.frost().bindingFactors(s.signingPackage(), s.groupKey());
    for (JsonNode out : s.vector().get("round_one_outputs").get("outputs")) {
      Identifier id = Identifier.of(out.get("identifier").asInt());
      assertThat(HEX.formatHex(inputs.get(id))).isEqualTo(out.get("binding_factor_input").asText());
      assertThat(factors.get(id).encode()).isEqualTo(hex(out.get("binding_factor")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void roundTwoSharesAndAggregateSignatureMatch(String file, FrostDialect dialect) throws FrostException {
    Session s = load(file, dialect);
    List<SignatureShare> shares = new ArrayList<>();
    for (JsonNode out : s.vector().get("round_two_outputs").get("outputs")) {
      Identifier id = Identifier.of(out.get("identifier").asInt());
      SignatureShare share = s.frost().sign(s.signingPackage(), s.nonces().get(id), s.keys().get(id));
      assertThat(share.encode()).isEqualTo(hex(out.get("sig_share")));
      s.frost().verifySignatureShare(s.signingPackage(), share, s.publicKeys());
      shares.add(share);
    }
    FrostSignature signature = s.frost().aggregate(s.signingPackage(), shares, s.publicKeys());
    byte[] expected = hex(s.vector().get("final_output").get("sig"));
    assertThat(signature.encode()).isEqualTo(expected);
    assertThat(independentlyValid(dialect, expected, s)).isTrue();
  }

  /** The vector's own signature, checked without any code under test except the RFC H2 hash. */
  private static boolean independentlyValid(FrostDialect dialect, byte[] sig, Session s) {
    byte[] message = s.signingPackage().message();
    if (dialect instanceof ZfSecp256k1Taproot) {
      return IndependentSchnorrCheck.bip340(sig, message, s.groupKey().xOnly());
    }
    byte[] r = Arrays.copyOfRange(sig, 0, 33);
    byte[] z = Arrays.copyOfRange(sig, 33, 65);
    Scalar c = HashToField.toPublicScalar("FROST-secp256k1-SHA256-v1chal", r, s.groupKey().encode(), message);
    return IndependentSchnorrCheck.equation(r, z, s.groupKey().encode(), c.value());
  }
}
