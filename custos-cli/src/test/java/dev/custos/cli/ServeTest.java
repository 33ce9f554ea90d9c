package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.cli.serve.Serving;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.TestWallets;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.GetInfoRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos serve}'s start: first-start macaroons (0600, LND-style), a real TLS gRPC client
 * authenticated by them against the sealed root keys in the store, and revocation by root key id.
 */
class ServeTest {
  @TempDir
  Path tmp;

  @Test
  void firstStartBakesMacaroonsThatAuthenticateUntilTheirRootKeyIsDeleted() throws Exception {
    CliRunner cli = new CliRunner();
    cli.env.put("PW", "serve-test-pass");
    Path mnemonic = tmp.resolve("m.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    Path dir = tmp.resolve("node");
    assertThat(cli.run("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test").exitCode()).isZero();

    CliContext ctx = new CliContext(Map.copyOf(cli.env), System.in, System.out, System.err, Optional.empty(),
        Clock.systemUTC(), new SecureRandom());
    try (SecretBytes pass = SecretBytes.copyOf("serve-test-pass".getBytes(StandardCharsets.UTF_8));
        Serving serving = Serving.start(ctx, dir, pass, new dev.custos.cli.serve.HostPort("127.0.0.1", 0), new dev.custos.cli.serve.HostPort("127.0.0.1", 0), List.of())) {
      for (String name : List.of("admin", "readonly", "signer")) {
        Path f = dir.resolve(name + ".macaroon");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
      }
      byte[] admin = Files.readAllBytes(dir.resolve("admin.macaroon"));
      ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(serving.server().tlsCertificate().toFile()).build();
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", serving.server().port(), tls).build();
      try {
        var info = stub(channel, admin).getInfo(GetInfoRequest.getDefaultInstance());
        assertThat(info.toString()).contains("73c5da0a");
        assertThatThrownBy(() -> stub(channel, new byte[0]).getInfo(GetInfoRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));

        String rootKeyId = HexFormat.of().formatHex(MacaroonId.decode(Macaroon.decode(admin).identifier()).storageId());
        CliRunner.Result del = cli.run("macaroon", "delete-id", "--data-dir", dir.toString(), "--id", rootKeyId);
        assertThat(del.exitCode()).as(del.stderr()).isZero();
        assertThatThrownBy(() -> stub(channel, admin).getInfo(GetInfoRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        byte[] readonly = Files.readAllBytes(dir.resolve("readonly.macaroon"));
        assertThat(stub(channel, readonly).getInfo(GetInfoRequest.getDefaultInstance()).toString()).contains("73c5da0a");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    // A second start reuses the macaroons instead of baking new ones.
    byte[] before = Files.readAllBytes(dir.resolve("signer.macaroon"));
    try (SecretBytes pass = SecretBytes.copyOf("serve-test-pass".getBytes(StandardCharsets.UTF_8));
        Serving again = Serving.start(ctx, dir, pass, new dev.custos.cli.serve.HostPort("127.0.0.1", 0), new dev.custos.cli.serve.HostPort("127.0.0.1", 0), List.of())) {
      assertThat(Files.readAllBytes(dir.resolve("signer.macaroon"))).isEqualTo(before);
    }
  }

  private static CustosGrpc.CustosBlockingStub stub(ManagedChannel channel, byte[] macaroon) {
    Metadata h = new Metadata();
    if (macaroon.length > 0) {
      h.put(Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER), HexFormat.of().formatHex(macaroon));
    }
    return CustosGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(h))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
