package dev.custos.core.ln.bolt3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON commitment vectors of lnd (and of BOLT 3 Appendix F, which has the same shape). */
final class LndVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One case; {@code dustLimit} is 546 when the file does not give one. */
  record Case(String name, long localBalanceMsat, long remoteBalanceMsat, long dustLimit, long feePerKw,
      List<String> htlcRemoteSigs, List<String> htlcTxs, String commitmentTx, String remoteSig) {
    @Override
    public String toString() {
      return name;
    }
  }

  private LndVectors() {}

  static List<Case> read(String resource) {
    try (InputStream in = LndVectors.class.getResourceAsStream(resource)) {
      return parse(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appendix F: the fenced JSON block of the spec text, parsed as it stands. */
  static List<Case> appendixF() {
    String f = BoltTextVectors.appendix("Appendix F");
    int start = f.indexOf("```yaml") + "```yaml".length();
    int end = f.indexOf("```", start);
    try {
      return parse(JSON.readTree(f.substring(start, end)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Case> parse(JsonNode root) {
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : root) {
      List<String> sigs = new ArrayList<>();
      List<String> txs = new ArrayList<>();
      for (JsonNode h : c.get("HtlcDescs")) {
        sigs.add(h.get("RemoteSigHex").asText());
        txs.add(h.get("ResolutionTxHex").asText());
      }
      cases.add(new Case(c.get("Name").asText(), c.get("LocalBalance").asLong(), c.get("RemoteBalance").asLong(),
          c.has("DustLimitSatoshis") ? c.get("DustLimitSatoshis").asLong() : 546, c.get("FeePerKw").asLong(),
          sigs, txs, c.get("ExpectedCommitmentTxHex").asText(), c.get("RemoteSigHex").asText()));
    }
    return cases;
  }
}
