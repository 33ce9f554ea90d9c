package dev.custos.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.acinq.bitcoin.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bitcoin Core's legacy (pre-segwit) signature-hash vectors, the unmodified sighash.json as shipped
 * in bitcoin-kmp's test data: {@link PsbtSigner} signs legacy inputs over bitcoin-kmp's
 * {@code Transaction.hashForSigning(tx, inputIndex, scriptCode, hashType)}, so that function must
 * give Core's hash for every row (random scripts, input indexes and 32-bit hash types, so
 * undefined hash types and ANYONECANPAY too; no row expects the SIGHASH_SINGLE "hash = 1" case).
 *
 * <p>Each row is {@code [raw_transaction, script, input_index, hashType, signature_hash]}; the
 * hash is written as Core displays a uint256, byte-reversed. The first row is the header.
 */
class CoreSighashVectorTest {
  private static final String RESOURCE = "/vectors/sign/core-sighash.json";
  private static final HexFormat HEX = HexFormat.of();

  record Row(int line, String rawTransaction, String script, int inputIndex, int hashType, String signatureHash) {
    @Override
    public String toString() {
      return "row " + line + " input " + inputIndex + " hashType " + hashType;
    }
  }

  static List<Row> rows() throws IOException {
    try (InputStream in = CoreSighashVectorTest.class.getResourceAsStream(RESOURCE)) {
      JsonNode all = new ObjectMapper().readTree(in);
      assertThat(all.get(0).get(0).asText())
          .isEqualTo("raw_transaction, script, input_index, hashType, signature_hash (result)");
      List<Row> rows = new ArrayList<>();
      for (int i = 1; i < all.size(); i++) {
        JsonNode r = all.get(i);
        assertThat(r).as("row %d", i).hasSize(5);
        assertThat(r.get(3).canConvertToInt()).as("hashType of row %d is a signed 32-bit integer", i).isTrue();
        rows.add(new Row(i, r.get(0).asText(), r.get(1).asText(), r.get(2).asInt(), r.get(3).intValue(), r.get(4).asText()));
      }
      return rows;
    }
  }

  @Test
  void fileHolds500Vectors() throws IOException {
    assertThat(rows()).hasSize(500);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void bitcoinKmpLegacySighashMatchesCore(Row row) {
    Transaction tx = Transaction.read(HEX.parseHex(row.rawTransaction()));
    byte[] hash = Transaction.hashForSigning(tx, row.inputIndex(), HEX.parseHex(row.script()), row.hashType());
    assertThat(HEX.formatHex(reversed(hash))).isEqualTo(row.signatureHash());
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] r = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      r[i] = bytes[bytes.length - 1 - i];
    }
    return r;
  }
}
