package dev.custos.server.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.UnsafeByteOperations;
import dev.custos.proto.v1.UnlockRequest;
import java.io.IOException;

/**
 * The body of {@code POST /v1/unlock}, {@code {"passphrase": "<base64>"}}, read without ever
 * making the passphrase a {@link String}: a streaming parser decodes the base64 value straight to
 * bytes, which the request message wraps without a copy, so the service's wipe of the field
 * (PassphraseField) reaches them. The generic proto3-JSON path would hold the body as text.
 */
final class UnlockBody {
  private static final JsonFactory JSON = new JsonFactory();

  private UnlockBody() {}

  /**
   * @param body the request body; the caller wipes it after the call
   * @throws IllegalArgumentException naming the problem (mapped to 400 by the gateway)
   */
  static UnlockRequest parse(byte[] body) {
    byte[] passphrase = new byte[0];
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object {\"passphrase\": \"<base64>\"}");
      }
      boolean seen = false;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME || !p.currentName().equals("passphrase") || seen) {
          throw new IllegalArgumentException("the only field is \"passphrase\" (once)");
        }
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException("passphrase: must be a base64 string");
        }
        passphrase = p.getBinaryValue();
        seen = true;
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON object");
      }
    } catch (IOException | IllegalArgumentException e) {
      java.util.Arrays.fill(passphrase, (byte) 0);
      throw e instanceof IllegalArgumentException iae ? iae
          : new IllegalArgumentException("not JSON or not base64 (" + e.getClass().getSimpleName() + ")");
    }
    return UnlockRequest.newBuilder().setPassphrase(UnsafeByteOperations.unsafeWrap(passphrase)).build();
  }
}
