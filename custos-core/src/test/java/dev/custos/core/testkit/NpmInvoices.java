package dev.custos.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * BOLT 11 invoices signed by the bolt11 npm package (vectors/bolt11/npm-bolt11-fixtures.json,
 * made by interop/bolt11), for tests of the modules that approve invoices. Each is named by its
 * fixture description; all were made at {@link #TIMESTAMP}.
 */
public final class NpmInvoices {
  /** The timestamp of every invoice the fixture script signs (2026-01-01T00:00:00Z). */
  public static final Instant TIMESTAMP = Instant.ofEpochSecond(1767225600);

  private NpmInvoices() {}

  /** The invoice text of the fixture case described exactly as {@code description}. */
  public static String invoice(String description) {
    try (InputStream in = NpmInvoices.class.getResourceAsStream("/vectors/bolt11/npm-bolt11-fixtures.json")) {
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        if (c.get("description").asText().equals(description)) {
          return c.get("invoice").asText();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("no bolt11 fixture described as '" + description + "'");
  }
}
