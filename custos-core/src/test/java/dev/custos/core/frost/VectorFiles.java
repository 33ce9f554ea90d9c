package dev.custos.core.frost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Reads the unmodified vector files under {@code /vectors/frost/}. */
final class VectorFiles {
  static final HexFormat HEX = HexFormat.of();

  private VectorFiles() {}

  static JsonNode read(String file) {
    try (InputStream in = VectorFiles.class.getResourceAsStream("/vectors/frost/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing vector file " + file);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node) {
    return HEX.parseHex(node.asText());
  }
}
