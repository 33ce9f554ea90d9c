package dev.custos.core.ln.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.Base58Check;
import fr.acinq.bitcoin.Bech32;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example of BOLT 11 (vectors/bolt11, see SOURCE.md): each valid invoice decodes to the
 * values its "Breakdown" states (written out here from the specification text), and each invalid
 * one fails on the field its title names.
 */
class Bolt11VectorTest {
  static final PublicKey PAYEE = new PrivateKey(
      new ByteVector32("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734")).publicKey();
  static final String HASH = "0001020304050607080900010203040506070809000102030405060708090102";
  static final ByteVector32 SECRET = new ByteVector32("11".repeat(32));
  static final Instant TIMESTAMP = Instant.ofEpochSecond(1496314658);
  static final ByteVector32 CAKE = new ByteVector32(Crypto.sha256(("One piece of chocolate cake, one icecream cone, one pickle, one slice of "
      + "swiss cheese, one slice of salami, one lollypop, one piece of cherry pie, one sausage, one cupcake, and one slice of watermelon")
      .getBytes(StandardCharsets.UTF_8)));

  static Map<String, String> valid;
  static Map<String, String> invalid;

  @BeforeAll
  static void read() throws IOException {
    valid = new LinkedHashMap<>();
    invalid = new LinkedHashMap<>();
    try (InputStream in = Bolt11VectorTest.class.getResourceAsStream("/vectors/bolt11/11-payment-encoding-examples.md")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      Map<String, String> section = null;
      String title = null;
      for (String line : lines) {
        if (line.equals("# Examples")) {
          section = valid;
        } else if (line.equals("# Examples of Invalid Invoices")) {
          section = invalid;
        } else if (line.startsWith("> #")) {
          title = line.replaceFirst("^> #+ ", "");
        } else if (line.startsWith("> ")) {
          section.put(title, line.substring(2));
        }
      }
    }
    assertThat(valid).hasSize(14);
    assertThat(invalid).hasSize(8);
  }

  static Bolt11Invoice decode(String titleStart) throws Bolt11Exception {
    List<String> matches = new ArrayList<>(valid.keySet().stream().filter(t -> t.startsWith(titleStart)).toList());
    assertThat(matches).as(titleStart).hasSize(1);
    Bolt11Invoice invoice = Bolt11Invoice.decode(valid.get(matches.get(0)));
    assertThat(invoice.payee()).isEqualTo(PAYEE);
    assertThat(invoice.payeeStated()).isFalse();
    assertThat(invoice.paymentSecret()).contains(SECRET);
    return invoice;
  }

  static void assertSignature(Bolt11Invoice invoice, String rs, int recoveryId) {
    assertThat(invoice.signature().toHex()).isEqualTo(rs);
    assertThat(invoice.recoveryId()).isEqualTo(recoveryId);
  }

  static ByteVector base58Hash(String address) {
    return new ByteVector(Base58Check.decode(address).getSecond());
  }

  static ByteVector witnessProgram(String address) {
    return new ByteVector(Bech32.decodeWitnessAddress(address).getThird());
  }

  @Test
  void donationOfAnyAmount() throws Exception {
    Bolt11Invoice i = decode("Please make a donation");
    assertThat(i.network()).isEqualTo(Network.MAINNET);
    assertThat(i.amountMsat()).isEmpty();
    assertThat(i.timestamp()).isEqualTo(TIMESTAMP);
    assertThat(i.paymentHash().toHex()).isEqualTo(HASH);
    assertThat(i.description()).contains("Please consider supporting this project");
    assertThat(i.descriptionHash()).isEmpty();
    assertThat(i.expirySeconds()).isEqualTo(3600);
    assertThat(i.expiresAt()).isEqualTo(TIMESTAMP.plusSeconds(3600));
    assertThat(i.minFinalCltvExpiryDelta()).isEqualTo(18);
    assertThat(i.features().setBits()).containsExactly(8, 14);
    assertThat(i.fallbacks()).isEmpty();
    assertThat(i.routeHints()).isEmpty();
    assertThat(i.skipped()).isEmpty();
    assertSignature(i, "8d3ce9e28357337f62da0162d9454df827f83cfe499aeb1c1db349d4d81127425e434ca29929406c23bba1ae8ac6ca32880b38d4bf6ff874024cac34ba9625f1", 1);
  }

  @Test
  void cupOfCoffeeWithinOneMinute() throws Exception {
    Bolt11Invoice i = decode("Please send $3 for a cup of coffee");
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(250_000_000L));
    assertThat(i.description()).contains("1 cup coffee");
    assertThat(i.expirySeconds()).isEqualTo(60);
    assertThat(i.expiresAt()).isEqualTo(TIMESTAMP.plusSeconds(60));
    assertSignature(i, "e59e3ffbd3945e4334879158d31e89b076dff54f3fa7979ae79df2db9dcaf5896cbfe1a478b8d2307e92c88139464cb7e6ef26e414c4abe33337961ddc5e8ab1", 1);
  }

  @Test
  void cupOfNonsenseInUtf8() throws Exception {
    Bolt11Invoice i = decode("Please send 0.0025 BTC for a cup of nonsense");
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(250_000_000L));
    assertThat(i.description()).contains("ナンセンス 1杯");
    assertThat(i.expirySeconds()).isEqualTo(60);
    assertSignature(i, "bae41ef385e0fc972977c7ea42b12cbd76577d2412919da8a8a22f9577b6507710c0e96dd78c821dea16453037f717f44aa7e3d196ebb18fbb97307dcb7336c3", 1);
  }

  @Test
  void hashedDescription() throws Exception {
    Bolt11Invoice i = decode("Now send $24");
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(2_000_000_000L));
    assertThat(i.description()).isEmpty();
    assertThat(i.descriptionHash()).contains(CAKE);
    assertSignature(i, "f67a5f696648fa4fb102e1a07b230e54722f8e024cee71e80b4847ac191da3fb2d2cdb28cc32344d7e9a9cf5c9b6a0ee0582ae46e9938b9c81e344a4dbb5289d", 1);
  }

  @Test
  void testnetWithP2pkhFallback() throws Exception {
    Bolt11Invoice i = decode("The same, on testnet");
    assertThat(i.network()).isEqualTo(Network.TESTNET);
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(2_000_000_000L));
    assertThat(i.descriptionHash()).contains(CAKE);
    assertThat(i.paymentHash().toHex()).isEqualTo(HASH);
    assertThat(i.fallbacks()).containsExactly(new FallbackAddress(17, base58Hash("mk2QpYatsKicvFVuTAQLBryyccRXMUaGHP")));
    assertSignature(i, "6ca95a74dc32e69ced6175b15a5cc56a92bf19f5dace0f134b7d94d464b9f5cf6090a18d48b243f289394d17bdf89466d8e6b37df5981f696bc3dd5986e1bee1", 1);
  }

  @Test
  void mainnetWithFallbackAndTwoRouteHops() throws Exception {
    Bolt11Invoice i = decode("On mainnet, with fallback address 1RustyRX2oai4EYYDpQGWvEL62BBGqN9T");
    assertThat(i.fallbacks()).containsExactly(new FallbackAddress(17, base58Hash("1RustyRX2oai4EYYDpQGWvEL62BBGqN9T")));
    assertThat(i.routeHints()).singleElement().satisfies(route -> {
      assertThat(route).containsExactly(
          new RouteHintHop(PublicKey.fromHex("029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255"), 0x0102030405060708L, 1, 20, 3),
          new RouteHintHop(PublicKey.fromHex("039e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255"), 0x030405060708090aL, 2, 30, 4));
      assertThat(route.get(0).shortChannelIdText()).isEqualTo("66051x263430x1800");
      assertThat(route.get(1).shortChannelIdText()).isEqualTo("197637x395016x2314");
    });
    assertSignature(i, "6a6586db4e8f6d40e3a5bb92e4df5110c627e9ce493af237e20a046b4e86ea200178c59564ecf892f33a9558bf041b6ad2cb8292d7a6c351fbb7f2ae2d16b54e", 0);
  }

  @Test
  void mainnetWithP2shFallback() throws Exception {
    Bolt11Invoice i = decode("On mainnet, with fallback (P2SH)");
    assertThat(i.fallbacks()).containsExactly(new FallbackAddress(18, base58Hash("3EktnHQD7RiAE6uzMj2ZifT9YgRrkSgzQX")));
    assertSignature(i, "16810439d1a9bfd5a65acc61340dc92448bb2d456a80b58ce012b73cb5202438020500c9ab7ef5573a4d174c811f669885ae27f895bb3a3be52c243589f87518", 1);
  }

  @Test
  void mainnetWithP2wpkhFallback() throws Exception {
    Bolt11Invoice i = decode("On mainnet, with fallback (P2WPKH)");
    assertThat(i.fallbacks()).containsExactly(new FallbackAddress(0, witnessProgram("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")));
    assertSignature(i, "5a8bd7b97c1cc9055ee60cf2356621f8752248e037a953886a1782b44a58f5ff2d94e6bc89b7b514541a3603bb33722b6c08aa1a3639d34becc549a99fea6eae", 0);
  }

  @Test
  void mainnetWithP2wshFallback() throws Exception {
    Bolt11Invoice i = decode("On mainnet, with fallback (P2WSH)");
    assertThat(i.fallbacks()).containsExactly(new FallbackAddress(0, witnessProgram("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")));
    assertSignature(i, "2b3ec248f80301a421817369194f012cdd8af8df1c279981420f9e901e20fa3309d791e11355e609b59ce4a220852a0cd55ab862b1785a83b206c90fa74d01c8", 1);
  }

  @Test
  void amountInPicoBitcoin() throws Exception {
    Bolt11Invoice i = decode("Please send 0.00967878534 BTC");
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(967_878_534L));
    assertThat(i.timestamp()).isEqualTo(Instant.ofEpochSecond(1572468703));
    assertThat(i.paymentHash().toHex()).isEqualTo("462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f");
    assertThat(i.description()).contains("Blockstream Store: 88.85 USD for Blockstream Ledger Nano S x 1, \"Back In My Day\" Sticker x 2, "
        + "\"I Got Lightning Working\" Sticker x 2 and 1 more items");
    assertThat(i.expirySeconds()).isEqualTo(604800);
    assertThat(i.minFinalCltvExpiryDelta()).isEqualTo(10);
    assertThat(i.routeHints()).singleElement().satisfies(route -> assertThat(route).singleElement().satisfies(hop -> {
      assertThat(hop.nodeId()).isEqualTo(PublicKey.fromHex("03d06758583bb5154774a6eb221b1276c9e82d65bbaceca806d90e20c108f4b1c7"));
      assertThat(hop.shortChannelIdText()).isEqualTo("589390x3312x1");
      assertThat(hop.feeBaseMsat()).isEqualTo(1000);
      assertThat(hop.feeProportionalMillionths()).isEqualTo(2500);
      assertThat(hop.cltvExpiryDelta()).isEqualTo(40);
    }));
  }

  static void assertCoffeeBeans(Bolt11Invoice i) {
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(2_500_000_000L));
    assertThat(i.paymentHash().toHex()).isEqualTo(HASH);
    assertThat(i.description()).contains("coffee beans");
    assertThat(i.features().setBits()).containsExactly(8, 14, 99);
    assertThat(i.features().supports(14)).isTrue();
  }

  @Test
  void coffeeBeansWithFeatures8And14And99() throws Exception {
    Bolt11Invoice i = decode("Please send $30 for coffee beans");
    assertCoffeeBeans(i);
    assertThat(i.skipped()).isEmpty();
  }

  @Test
  void allUpperCaseDecodesTheSameAndIsKeptInLowerCase() throws Exception {
    Bolt11Invoice upper = decode("Same, but all upper case");
    assertCoffeeBeans(upper);
    assertThat(upper).isEqualTo(decode("Please send $30 for coffee beans"));
  }

  @Test
  void fieldsThatMustBeIgnoredAreSkippedAndKept() throws Exception {
    Bolt11Invoice i = decode("Same, but including fields which must be ignored");
    assertCoffeeBeans(i);
    assertThat(i.fallbacks()).isEmpty();
    assertThat(i.skipped()).extracting(SkippedField::letter, f -> f.words().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple('2', 3), org.assertj.core.groups.Tuple.tuple('f', 33),
            org.assertj.core.groups.Tuple.tuple('p', 51), org.assertj.core.groups.Tuple.tuple('p', 53),
            org.assertj.core.groups.Tuple.tuple('h', 51), org.assertj.core.groups.Tuple.tuple('h', 53),
            org.assertj.core.groups.Tuple.tuple('s', 51), org.assertj.core.groups.Tuple.tuple('s', 53),
            org.assertj.core.groups.Tuple.tuple('n', 52), org.assertj.core.groups.Tuple.tuple('n', 54));
    assertThat(i.skipped().get(1).words().get(0)).as("fallback version 19").isEqualTo((byte) 19);
  }

  @Test
  void paymentMetadata() throws Exception {
    Bolt11Invoice i = decode("Please send 0.01 BTC with payment metadata");
    assertThat(i.amountMsat()).isEqualTo(OptionalLong.of(1_000_000_000L));
    assertThat(i.description()).contains("payment metadata inside");
    assertThat(i.metadata()).contains(ByteVector.fromHex("01fafaf0"));
    assertThat(i.features().setBits()).containsExactly(8, 14, 48);
  }

  static void assertInvalid(String titleStart, String field, String messagePart) {
    String title = invalid.keySet().stream().filter(t -> t.startsWith(titleStart)).findFirst().orElseThrow();
    assertThatThrownBy(() -> Bolt11Invoice.decode(invalid.get(title))).as(title).isInstanceOfSatisfying(Bolt11Exception.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }

  @Test
  void unknownEvenFeature100Fails() {
    assertInvalid("Same, but adding invalid unknown feature 100", "9 (features)", "unknown required feature bit 100");
  }

  @Test
  void badChecksumFails() {
    assertInvalid("Bech32 checksum is invalid", "checksum", "checksum is wrong");
  }

  @Test
  void noSeparatorFails() {
    assertInvalid("Malformed bech32 string (no 1)", "bech32", "no '1' separator");
  }

  @Test
  void mixedCaseFails() {
    assertInvalid("Malformed bech32 string (mixed case)", "bech32", "mixed upper and lower case");
  }

  @Test
  void unrecoverableSignatureFails() {
    assertInvalid("Signature is not recoverable", "signature", "no public key recovers");
  }

  @Test
  void tooShortFails() {
    assertInvalid("String is too short", "data", "too few for a timestamp and a signature");
  }

  @Test
  void invalidMultiplierFails() {
    assertInvalid("Invalid multiplier", "amount", "unknown multiplier 'x'");
  }

  @Test
  void subMillisatoshiPrecisionFails() {
    assertInvalid("Invalid sub-millisatoshi precision", "amount", "fraction of a millisatoshi");
  }
}
