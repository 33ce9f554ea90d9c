package dev.custos.core.ln.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invoices signed by the bolt11 npm package, and the BOLT 11 examples, decoded by bolt11 (see
 * vectors/bolt11/SOURCE.md and interop/bolt11): Custos must read every field as bolt11 did, and
 * refuse on the signature where bolt11 refused. {@code CUSTOS_BOLT11_FIXTURES} names a freshly
 * generated file (interop/bolt11/run.sh); otherwise the committed copy is read.
 */
class Bolt11FixtureTest {
  static List<Arguments> cases() throws IOException {
    String fresh = System.getenv("CUSTOS_BOLT11_FIXTURES");
    try (InputStream in = fresh != null ? Files.newInputStream(Path.of(fresh))
        : Bolt11FixtureTest.class.getResourceAsStream("/vectors/bolt11/npm-bolt11-fixtures.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        out.add(Arguments.of(c.get("id").asInt() + " " + c.get("description").asText(), c));
      }
      assertThat(out).hasSize(36);
      return out;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void custosReadsWhatBolt11Reads(String name, JsonNode c) throws Exception {
    String text = c.get("invoice").asText();
    if (!c.get("valid").asBoolean()) {
      assertThatThrownBy(() -> Bolt11Invoice.decode(text)).isInstanceOfSatisfying(Bolt11Exception.class,
          e -> assertThat(e.field()).isEqualTo("signature"));
      return;
    }
    JsonNode x = c.get("expected");
    Bolt11Invoice i = Bolt11Invoice.decode(text);
    assertThat(i.text()).isEqualTo(text.toLowerCase(Locale.ROOT));
    assertThat(i.network().id()).isEqualTo(switch (x.get("network").asText()) {
      case "bc" -> "mainnet";
      case "tb" -> "testnet";
      case "tbs" -> "signet";
      case "bcrt" -> "regtest";
      default -> throw new IllegalArgumentException(x.get("network").asText());
    });
    if (x.get("millisatoshis").isNull()) {
      assertThat(i.amountMsat()).isEmpty();
    } else {
      assertThat(i.amountMsat()).hasValue(Long.parseLong(x.get("millisatoshis").asText()));
    }
    assertThat(i.timestamp()).isEqualTo(Instant.ofEpochSecond(x.get("timestamp").asLong()));
    assertThat(i.payee()).isEqualTo(PublicKey.fromHex(x.get("payeeNodeKey").asText()));
    assertThat(i.payeeStated()).isEqualTo(x.get("payeeStated").asBoolean());
    assertThat(i.signature().toHex()).isEqualTo(x.get("signature").asText());
    assertThat(i.recoveryId()).isEqualTo(x.get("recoveryFlag").asInt());
    assertThat(i.paymentHash()).isEqualTo(new ByteVector32(x.get("paymentHash").asText()));
    assertThat(i.paymentSecret().map(ByteVector32::toHex).orElse(null)).isEqualTo(text(x, "paymentSecret"));
    assertThat(i.description().orElse(null)).isEqualTo(text(x, "description"));
    assertThat(i.descriptionHash().map(ByteVector32::toHex).orElse(null)).isEqualTo(text(x, "descriptionHash"));
    assertThat(i.expirySeconds()).isEqualTo(x.get("expiry").asLong());
    assertThat(i.minFinalCltvExpiryDelta()).isEqualTo(x.get("minFinalCltvExpiryDelta").asLong());
    List<FallbackAddress> fallbacks = new ArrayList<>();
    for (JsonNode f : x.get("fallbacks")) {
      fallbacks.add(new FallbackAddress(f.get("code").asInt(), ByteVector.fromHex(f.get("addressHash").asText())));
    }
    assertThat(i.fallbacks()).isEqualTo(fallbacks);
    List<List<RouteHintHop>> routes = new ArrayList<>();
    for (JsonNode r : x.get("routes")) {
      List<RouteHintHop> hops = new ArrayList<>();
      for (JsonNode h : r) {
        hops.add(new RouteHintHop(PublicKey.fromHex(h.get("pubkey").asText()), Long.parseUnsignedLong(h.get("short_channel_id").asText(), 16),
            h.get("fee_base_msat").asLong(), h.get("fee_proportional_millionths").asLong(), h.get("cltv_expiry_delta").asInt()));
      }
      routes.add(hops);
    }
    assertThat(i.routeHints()).isEqualTo(routes);
    List<Integer> bits = new ArrayList<>();
    x.get("featureBits").forEach(b -> bits.add(b.asInt()));
    assertThat(i.features().setBits()).isEqualTo(bits);
    assertThat(i.metadata().map(ByteVector::toHex).orElse(null)).isEqualTo(text(x, "metadata"));
    List<Integer> skipped = new ArrayList<>();
    x.get("skippedTypes").forEach(t -> skipped.add(t.asInt()));
    assertThat(i.skipped()).extracting(SkippedField::type).isEqualTo(skipped);
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).isNull() ? null : node.get(field).asText();
  }
}
