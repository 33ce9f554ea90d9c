package dev.custos.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.psbt.TapLeafScript;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Chain;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptTree;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP341 wallet test vectors from the unmodified bip-0341/wallet-test-vectors.json.
 *
 * <p>"scriptPubKey" (7 cases): {@link Taproot#leafHash} for every leaf; the merkle root of the
 * tree computed by bitcoin-kmp's {@code ScriptTree}; {@link Taproot#outputKey}; the scriptPubKey
 * built by bitcoin-kmp from the internal key and tree, which must embed our output key; its mainnet
 * BIP350 address; and every control block, from which {@link Taproot#outputKeyOf} must recover the
 * tweaked output key (and nothing once the parity bit is flipped).
 *
 * <p>"keyPathSpending" (7 inputs): bitcoin-kmp's key-path sighash equals the vector's, and
 * {@link Schnorr#signKeyPath} with the internal private key, the merkle root and the all-zero aux
 * randomness the BIP states ("All signatures are created with an all-zero (0x0000...0000) BIP340
 * auxiliary randomness array") reproduces the witness, the sighash type byte appended unless it
 * is SIGHASH_DEFAULT (0), as {@link PsbtSigner} does.
 */
class Bip341WalletVectorTest {
  private static final String RESOURCE = "/vectors/sign/bip341-wallet-test-vectors.json";
  private static final HexFormat HEX = HexFormat.of();

  /** One "scriptPubKey" case, named by its position in the file. */
  record OutputCase(int number, JsonNode json) {
    @Override
    public String toString() {
      return "scriptPubKey #" + number;
    }
  }

  /** One input of a "keyPathSpending" case with the case's transaction and spent outputs. */
  record KeyPathInput(Transaction tx, List<TxOut> spent, JsonNode json) {
    @Override
    public String toString() {
      return "keyPathSpending input " + json.at("/given/txinIndex").asInt();
    }
  }

  private static JsonNode vectors() throws IOException {
    try (InputStream in = Bip341WalletVectorTest.class.getResourceAsStream(RESOURCE)) {
      JsonNode root = new ObjectMapper().readTree(in);
      assertThat(root.get("version").asInt()).isEqualTo(1);
      return root;
    }
  }

  static List<OutputCase> outputCases() throws IOException {
    List<OutputCase> cases = new ArrayList<>();
    for (JsonNode c : vectors().get("scriptPubKey")) {
      cases.add(new OutputCase(cases.size(), c));
    }
    return cases;
  }

  static List<KeyPathInput> keyPathInputs() throws IOException {
    List<KeyPathInput> inputs = new ArrayList<>();
    for (JsonNode c : vectors().get("keyPathSpending")) {
      Transaction tx = Transaction.read(HEX.parseHex(c.at("/given/rawUnsignedTx").asText()));
      List<TxOut> spent = StreamSupport.stream(c.at("/given/utxosSpent").spliterator(), false)
          .map(u -> new TxOut(new Satoshi(u.get("amountSats").asLong()), HEX.parseHex(u.get("scriptPubKey").asText())))
          .toList();
      c.get("inputSpending").forEach(input -> inputs.add(new KeyPathInput(tx, spent, input)));
    }
    return inputs;
  }

  @Test
  void fileHoldsTheExpectedNumberOfVectors() throws IOException {
    assertThat(outputCases()).hasSize(7);
    assertThat(keyPathInputs()).hasSize(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputCases")
  void computesTheOutputAndItsControlBlocks(OutputCase c) {
    JsonNode given = c.json().get("given");
    JsonNode intermediary = c.json().get("intermediary");
    JsonNode expected = c.json().get("expected");
    XonlyPublicKey internal = xonly(given.get("internalPubkey").asText());
    TreeMap<Integer, ScriptTree.Leaf> leaves = new TreeMap<>();
    Optional<ScriptTree> tree = tree(given.get("scriptTree"), leaves);

    List<String> leafHashes = leaves.values().stream()
        .map(leaf -> Taproot.leafHash(leaf.getLeafVersion(), leaf.getScript()).toHex())
        .toList();
    assertThat(leafHashes).isEqualTo(texts(intermediary.get("leafHashes")));

    Optional<ByteVector32> merkleRoot = tree.map(ScriptTree::hash);
    assertThat(merkleRoot.map(ByteVector32::toHex).orElse(null))
        .isEqualTo(intermediary.get("merkleRoot").isNull() ? null : intermediary.get("merkleRoot").asText());

    XonlyPublicKey outputKey = Taproot.outputKey(internal, merkleRoot);
    assertThat(outputKey.value.toHex()).isEqualTo(intermediary.get("tweakedPubkey").asText());

    byte[] scriptPubKey = Script.write(tree
        .map(t -> Script.pay2tr(internal, t))
        .orElseGet(() -> Script.pay2tr(internal, Crypto.TaprootTweak.KeyPathTweak.INSTANCE)));
    assertThat(HEX.formatHex(scriptPubKey)).isEqualTo(expected.get("scriptPubKey").asText())
        .isEqualTo("5120" + outputKey.value.toHex());
    assertThat(Bitcoin.addressFromPublicKeyScript(Chain.Mainnet.INSTANCE.getChainHash(), scriptPubKey).getRight())
        .isEqualTo(expected.get("bip350Address").asText());

    List<String> controlBlocks = texts(expected.get("scriptPathControlBlocks"));
    assertThat(controlBlocks).hasSameSizeAs(leaves.keySet());
    leaves.forEach((id, leaf) -> {
      byte[] controlBlock = HEX.parseHex(controlBlocks.get(id));
      assertThat(Taproot.outputKeyOf(new TapLeafScript(new ByteVector(controlBlock), leaf.getScript(), leaf.getLeafVersion())))
          .as("control block of leaf %d", id)
          .contains(outputKey);
      controlBlock[0] ^= 1;
      assertThat(Taproot.outputKeyOf(new TapLeafScript(new ByteVector(controlBlock), leaf.getScript(), leaf.getLeafVersion())))
          .as("control block of leaf %d with the wrong parity bit", id)
          .isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyPathInputs")
  void signsTheKeyPathSpend(KeyPathInput input) {
    JsonNode given = input.json().get("given");
    JsonNode intermediary = input.json().get("intermediary");
    int hashType = given.get("hashType").asInt();
    byte[] privateKey = HEX.parseHex(given.get("internalPrivkey").asText());
    XonlyPublicKey internal = new XonlyPublicKey(new PrivateKey(privateKey).publicKey());
    assertThat(internal.value.toHex()).isEqualTo(intermediary.get("internalPubkey").asText());
    Optional<ByteVector32> merkleRoot = given.get("merkleRoot").isNull()
        ? Optional.empty()
        : Optional.of(ByteVector32.fromValidHex(given.get("merkleRoot").asText()));

    ByteVector32 sighash = input.tx().hashForSigningTaprootKeyPath(given.get("txinIndex").asInt(), input.spent(), hashType, null);
    assertThat(sighash.toHex()).isEqualTo(intermediary.get("sigHash").asText());

    byte[] signature = Schnorr.signKeyPath(sighash.toByteArray(), privateKey, internal, merkleRoot, new AuxRandStub(new byte[32]));
    String witnessElement = HEX.formatHex(signature) + (hashType == 0 ? "" : HEX.toHexDigits((byte) hashType));
    assertThat(texts(input.json().at("/expected/witness"))).containsExactly(witnessElement);
  }

  /**
   * The BIP341 JSON tree: {@code null} (no scripts), a leaf object, or a two-element array (a
   * branch). Leaves are collected by their {@code id}.
   */
  private static Optional<ScriptTree> tree(JsonNode node, TreeMap<Integer, ScriptTree.Leaf> leaves) {
    if (node.isNull()) {
      return Optional.empty();
    }
    if (node.isArray()) {
      assertThat(node).hasSize(2);
      return Optional.of(new ScriptTree.Branch(tree(node.get(0), leaves).orElseThrow(), tree(node.get(1), leaves).orElseThrow()));
    }
    ScriptTree.Leaf leaf = new ScriptTree.Leaf(new ByteVector(HEX.parseHex(node.get("script").asText())), node.get("leafVersion").asInt());
    assertThat(leaves.put(node.get("id").asInt(), leaf)).as("duplicate leaf id").isNull();
    return Optional.of(leaf);
  }

  private static XonlyPublicKey xonly(String hex) {
    return new XonlyPublicKey(ByteVector32.fromValidHex(hex));
  }

  private static List<String> texts(JsonNode array) {
    return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
