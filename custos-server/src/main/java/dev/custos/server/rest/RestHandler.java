package dev.custos.server.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.server.auth.MacaroonInterceptor;
import dev.custos.server.status.StatusMapper;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Serves one HTTP exchange: finds the {@link RestRoute}, decodes the request message from JSON,
 * calls the gRPC method through the in-process channel with the {@code Grpc-Metadata-macaroon}
 * header values forwarded as {@code macaroon} metadata and the {@code
 * Grpc-Metadata-discharge-macaroon} values (repeated headers or comma-separated) as {@code
 * discharge-macaroon} metadata (so the {@link MacaroonInterceptor}, the permission table and
 * {@link StatusMapper} decide exactly as on the gRPC port), and writes the reply message or a
 * {@link RestError}. Nothing but the macaroon and its discharges is forwarded from the client.
 */
final class RestHandler implements HttpHandler {
  /** The largest request body accepted (LND's REST proxy has no lower bound that PSBTs need). */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  /** LND's REST proxy header: grpc-gateway forwards {@code Grpc-Metadata-X} as metadata {@code X}. */
  static final String MACAROON_HEADER = "Grpc-Metadata-macaroon";
  /** Discharge macaroons, one hex value each; a header may list several separated by commas. */
  static final String DISCHARGE_HEADER = "Grpc-Metadata-discharge-macaroon";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
      .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private final Channel channel;

  RestHandler(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        serve(exchange);
      } catch (Rejected r) {
        send(exchange, r.error);
      } catch (StatusRuntimeException e) {
        send(exchange, RestError.fromStatus(e.getStatus(), e.getTrailers()));
      } catch (RuntimeException e) {
        StatusException status = StatusMapper.toStatus(e);
        send(exchange, RestError.fromStatus(status.getStatus(), status.getTrailers()));
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    RestRoute route = RestRoutes.find(method, path).orElseThrow(() -> {
      List<String> allowed = RestRoutes.methodsFor(path);
      if (allowed.isEmpty()) {
        return new Rejected(RestError.of(404, Status.Code.NOT_FOUND, "no route " + path));
      }
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      return new Rejected(RestError.of(405, Status.Code.UNIMPLEMENTED, "method " + method + " not allowed on " + path
          + " (allowed: " + String.join(", ", allowed) + ")"));
    });
    Message request = route.bodyCarriesRequest() ? fromBody(route, exchange) : fromQuery(route, exchange.getRequestURI().getRawQuery());
    Channel call = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata(exchange)));
    if (route.streams()) {
      stream(exchange, ClientCalls.blockingServerStreamingCall(call, route.grpcMethod(), CallOptions.DEFAULT, request));
    } else {
      Message reply = ClientCalls.blockingUnaryCall(call, route.grpcMethod(), CallOptions.DEFAULT, request);
      sendJson(exchange, 200, "application/json", PRINTER.print(reply) + "\n");
    }
  }

  private static Metadata metadata(HttpExchange exchange) {
    Metadata headers = new Metadata();
    List<String> macaroons = exchange.getRequestHeaders().get(MACAROON_HEADER);
    if (macaroons != null) {
      macaroons.forEach(m -> headers.put(MacaroonInterceptor.MACAROON, m));
    }
    List<String> discharges = exchange.getRequestHeaders().get(DISCHARGE_HEADER);
    if (discharges != null) {
      discharges.stream().flatMap(d -> Arrays.stream(d.split(",", -1)))
          .forEach(d -> headers.put(MacaroonInterceptor.DISCHARGE, d));
    }
    Optional.ofNullable(exchange.getRemoteAddress().getAddress())
        .ifPresent(a -> headers.put(ForwardedPeerInterceptor.PEER, a.getHostAddress()));
    return headers;
  }

  private static Message fromBody(RestRoute route, HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parseLength(declared) > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (route.grpcMethod().equals(UnlockerGrpc.getUnlockMethod())) {
      try {
        return UnlockBody.parse(body);
      } catch (IllegalArgumentException e) {
        throw invalid("body: " + e.getMessage());
      } finally {
        Arrays.fill(body, (byte) 0);
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw invalid("body: not UTF-8");
    }
    return parse(route, text.isBlank() ? "{}" : text, "body");
  }

  private static long parseLength(String declared) {
    try {
      return Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      throw invalid("Content-Length: not a number");
    }
  }

  /** Each query parameter {@code name=value} is the field {@code name} given as a JSON string. */
  private static Message fromQuery(RestRoute route, String rawQuery) {
    ObjectNode fields = JSON.createObjectNode();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (fields.has(name)) {
          throw invalid("query: parameter " + name + " given twice");
        }
        fields.put(name, value);
      }
    }
    return parse(route, fields.toString(), "query");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("query: bad percent-encoding");
    }
  }

  private static Message parse(RestRoute route, String json, String where) {
    Message.Builder builder = route.requestPrototype().newBuilderForType();
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw invalid(where + ": not a " + route.requestPrototype().getDescriptorForType().getFullName()
          + " in JSON: " + e.getMessage());
    }
    return builder.build();
  }

  /**
   * JSON lines: one message per line. An error before the first message is an ordinary error
   * reply; one after it (the status line is sent) ends the stream with a final error line.
   */
  private static void stream(HttpExchange exchange, Iterator<Message> messages) throws IOException {
    boolean any = messages.hasNext();
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      while (any) {
        out.write((PRINTER.print(messages.next()) + "\n").getBytes(StandardCharsets.UTF_8));
        any = messages.hasNext();
      }
    } catch (StatusRuntimeException e) {
      out.write(RestError.fromStatus(e.getStatus(), e.getTrailers()).json().getBytes(StandardCharsets.UTF_8));
    }
    out.close();
  }

  private static void send(HttpExchange exchange, RestError error) throws IOException {
    sendJson(exchange, error.httpStatus(), "application/json", error.json());
  }

  private static void sendJson(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Rejected invalid(String message) {
    return new Rejected(RestError.of(400, Status.Code.INVALID_ARGUMENT, message));
  }

  private static Rejected tooLarge() {
    return new Rejected(RestError.of(413, Status.Code.RESOURCE_EXHAUSTED, "body: larger than " + MAX_BODY_BYTES + " bytes"));
  }

  /** A request the gateway refuses before calling the service. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RestError error;

    Rejected(RestError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }
}
