package dev.custos.cli.client;

import dev.custos.cli.CliException;
import dev.custos.proto.v1.CustosGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A TLS gRPC channel to a Custos server that trusts only the given certificate and sends the
 * macaroon (hex, metadata key {@code macaroon}) with every call, as lncli does, and each discharge
 * macaroon as one {@code discharge-macaroon} value. Macaroons are bearer credentials: they are
 * read from their files, never printed.
 */
public final class RemoteConnection implements AutoCloseable {
  /** Every call gets this deadline: a hung server is an error, not a hung command. */
  static final long DEADLINE_SECONDS = 60;
  private static final Metadata.Key<String> MACAROON = Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> DISCHARGE = Metadata.Key.of("discharge-macaroon", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final CustosGrpc.CustosBlockingStub stub;
  private final RemoteTarget target;

  private RemoteConnection(ManagedChannel channel, CustosGrpc.CustosBlockingStub stub, RemoteTarget target) {
    this.channel = channel;
    this.stub = stub;
    this.target = target;
  }

  public static RemoteConnection open(RemoteTarget target) throws CliException {
    if (!Files.isRegularFile(target.tlsCert())) {
      throw CliException.badInput("no TLS certificate at " + target.tlsCert() + " (--tlscertpath)");
    }
    if (!Files.isRegularFile(target.macaroon())) {
      throw CliException.badInput("no macaroon at " + target.macaroon() + " (--macaroonpath)");
    }
    for (Path d : target.discharges()) {
      if (!Files.isRegularFile(d)) {
        throw CliException.badInput("no discharge macaroon at " + d + " (--dischargepath)");
      }
    }
    byte[] macaroon;
    List<byte[]> discharges = new ArrayList<>();
    ChannelCredentials tls;
    try {
      macaroon = Files.readAllBytes(target.macaroon());
      for (Path d : target.discharges()) {
        discharges.add(Files.readAllBytes(d));
      }
      tls = TlsChannelCredentials.newBuilder().trustManager(target.tlsCert().toFile()).build();
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + target.tlsCert() + ", " + target.macaroon() + " or a discharge: " + e.getMessage());
    }
    Metadata headers = new Metadata();
    headers.put(MACAROON, HexFormat.of().formatHex(macaroon));
    discharges.forEach(d -> headers.put(DISCHARGE, HexFormat.of().formatHex(d)));
    ManagedChannel channel = Grpc.newChannelBuilderForAddress(target.host(), target.port(), tls).build();
    CustosGrpc.CustosBlockingStub stub = CustosGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    return new RemoteConnection(channel, stub, target);
  }

  /** The stub for one call, with a fresh deadline. */
  public CustosGrpc.CustosBlockingStub stub() {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  public RemoteTarget target() {
    return target;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
