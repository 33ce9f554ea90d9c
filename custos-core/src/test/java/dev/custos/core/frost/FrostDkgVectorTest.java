package dev.custos.core.frost;

import static dev.custos.core.frost.VectorFiles.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZF frost-secp256k1-tr {@code vectors_dkg.json}: for each of the three participants, its
 * polynomial (the vector's {@code signing_key} and {@code coefficient}) must give the vector's VSS
 * commitments; the vector's proofs of knowledge must verify; part 2 must send exactly the shares
 * the others list as received; part 3 on the received shares, followed by the unspendable
 * key-path taproot tweak ({@link TaprootTweak#keyPathOnly()}, which ZF's {@code post_dkg} applies
 * to every DKG result), must give the vector's signing share, verifying shares and group key.
 */
class FrostDkgVectorTest {
  private static final String FILE = "zf-secp256k1-tr-vectors_dkg.json";
  private static final FrostDialect DIALECT = ZfSecp256k1Taproot.INSTANCE;
  private static final JsonNode V = VectorFiles.read(FILE);

  static Stream<Integer> participants() {
    return IntStream.rangeClosed(1, V.get("config").get("MAX_PARTICIPANTS").asInt()).boxed();
  }

  private static JsonNode node(int i) {
    return V.get("inputs").get(Integer.toString(i));
  }

  private static Dkg.Round1Package round1Package(int i) throws FrostException {
    List<GroupElement> points = new ArrayList<>();
    for (JsonNode c : node(i).get("vss_commitments")) {
      points.add(GroupElement.decode(hex(c)));
    }
    return new Dkg.Round1Package(
        new VssCommitment(points), ProofOfKnowledge.decode(DIALECT, hex(node(i).get("proof_of_knowledge"))));
  }

  private static SecretPolynomial polynomial(int i) throws FrostException {
    return SecretPolynomial.of(List.of(
        SecretBytes.takeOwnership(hex(node(i).get("signing_key"))),
        SecretBytes.takeOwnership(hex(node(i).get("coefficient")))));
  }

  private static byte[] bytes(SigningShare share) {
    try (SecretBytes s = share.toSecretBytes()) {
      return s.copy();
    }
  }

  @ParameterizedTest(name = "participant {0}")
  @MethodSource("participants")
  void participantReproducesItsKeyMaterial(int i) throws FrostException {
    Identifier self = Identifier.of(node(i).get("identifier").asInt());
    int max = V.get("config").get("MAX_PARTICIPANTS").asInt();
    Dkg dkg = new Dkg(DIALECT);

    Dkg.Round1 round1 = dkg.part1(self, max, polynomial(i), new SecureRandom());
    assertThat(round1.broadcast().commitment()).isEqualTo(round1Package(i).commitment());
    round1.broadcast().proofOfKnowledge().verify(DIALECT, self, round1.broadcast().commitment());
    round1Package(i).proofOfKnowledge().verify(DIALECT, self, round1Package(i).commitment());

    Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
    Map<Identifier, SigningShare> received = new HashMap<>();
    for (int o : participants().filter(o -> o != i).toList()) {
      Identifier other = Identifier.of(node(o).get("identifier").asInt());
      others.put(other, round1Package(o));
      received.put(other, SigningShare.of(SecretBytes.takeOwnership(hex(node(i).get("signing_shares").get(Integer.toString(o))))));
    }
    Dkg.Round2 round2 = dkg.part2(round1.secret(), others);
    for (var sent : round2.sharesToSend().entrySet()) {
      int o = sent.getKey().value().value().intValueExact();
      assertThat(bytes(sent.getValue())).isEqualTo(hex(node(o).get("signing_shares").get(Integer.toString(i))));
    }

    Dkg.Result result = dkg.part3(round2.secret(), others, received);
    TaprootTweak unspendable = TaprootTweak.keyPathOnly();
    KeyPackage key = unspendable.applyTo(result.keyPackage());
    PublicKeyPackage publicKeys = unspendable.applyTo(result.publicKeyPackage());
    assertThat(bytes(key.signingShare())).isEqualTo(hex(node(i).get("signing_share")));
    assertThat(key.verifyingShare().encode()).isEqualTo(hex(node(i).get("verifying_share")));
    assertThat(publicKeys.groupKey().encode()).isEqualTo(hex(V.get("inputs").get("verifying_key")));
    for (int o : participants().toList()) {
      assertThat(publicKeys.verifyingShare(Identifier.of(o)).encode()).isEqualTo(hex(node(o).get("verifying_share")));
    }
  }

  @Test
  void aProofOfKnowledgeForAnotherIdentifierIsRefusedNamingTheSender() throws FrostException {
    Dkg.Round1Package p2 = round1Package(2);
    assertThatThrownBy(() -> p2.proofOfKnowledge().verify(DIALECT, Identifier.of(3), p2.commitment()))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PROOF_OF_KNOWLEDGE);
          assertThat(e.culprit()).contains(Identifier.of(3));
        });
  }

  @Test
  void aShareThatDoesNotMatchItsSendersCommitmentIsRefusedNamingTheSender() throws FrostException {
    Dkg dkg = new Dkg(DIALECT);
    Dkg.Round2 round2 = dkg.part2(dkg.part1(Identifier.of(1), 3, polynomial(1), new SecureRandom()).secret(),
        Map.of(Identifier.of(2), round1Package(2), Identifier.of(3), round1Package(3)));
    Map<Identifier, SigningShare> received = Map.of(
        Identifier.of(2), SigningShare.of(SecretBytes.takeOwnership(hex(node(1).get("signing_shares").get("2")))),
        Identifier.of(3), SigningShare.of(SecretBytes.takeOwnership(hex(node(1).get("signing_shares").get("2")))));
    assertThatThrownBy(() -> dkg.part3(round2.secret(), Map.of(Identifier.of(2), round1Package(2), Identifier.of(3), round1Package(3)), received))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE);
          assertThat(e.culprit()).contains(Identifier.of(3));
        });
  }
}
