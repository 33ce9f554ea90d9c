package dev.custos.cli.client;

import com.google.protobuf.UnsafeByteOperations;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.Main;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.UnlockRequest;
import dev.custos.proto.v1.UnlockResponse;
import dev.custos.proto.v1.UnlockerGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code custos unlock} (lncli {@code unlock}): sends the keystore passphrase to a server that
 * started locked ({@code custos.v1.Unlocker/Unlock}, docs/server.md). Only over TLS, trusting only
 * {@code --tlscertpath}; no macaroon (a locked server cannot verify one). The passphrase comes from
 * {@code --passphrase-file}, {@code --passphrase-env} or a prompt, is sent from an array this
 * command owns, and is zeroized after the call.
 *
 * <p>Exit codes: 0 unlocked; 2 wrong passphrase or bad usage; 1 anything else (already unlocked,
 * another attempt running, server down).
 */
@Command(name = "unlock", mixinStandardHelpOptions = true, description = "Unlock a server that started without its passphrase.")
public final class UnlockCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of a local server: default for tls.cert.")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() throws CliException {
    Main main = (Main) spec.root().userObject();
    CliContext ctx = main.context();
    RemoteEndpoint server = RemoteEndpoint.resolve(main.rpc(), Optional.ofNullable(dataDir));
    if (!Files.isRegularFile(server.tlsCert())) {
      throw CliException.badInput("no TLS certificate at " + server.tlsCert() + " (--tlscertpath)");
    }
    ChannelCredentials tls;
    try {
      tls = TlsChannelCredentials.newBuilder().trustManager(server.tlsCert().toFile()).build();
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + server.tlsCert() + ": " + e.getMessage());
    }
    ManagedChannel channel = Grpc.newChannelBuilderForAddress(server.host(), server.port(), tls).build();
    try (SecretBytes pass = passphrase.resolve(ctx, false)) {
      byte[] sent = pass.copy();
      try {
        UnlockResponse reply = UnlockerGrpc.newBlockingStub(channel).withDeadlineAfter(RemoteConnection.DEADLINE_SECONDS, TimeUnit.SECONDS)
            .unlock(UnlockRequest.newBuilder().setPassphrase(UnsafeByteOperations.unsafeWrap(sent)).build());
        ctx.stdout().println("unlocked " + server.host() + ":" + server.port()
            + (reply.getBakedMacaroonFilesCount() == 0 ? "" : "; baked " + String.join(", ", reply.getBakedMacaroonFilesList())));
        return 0;
      } finally {
        Arrays.fill(sent, (byte) 0);
      }
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().name() : e.getStatus().getDescription();
      String where = server.host() + ":" + server.port();
      throw switch (e.getStatus().getCode()) {
        case UNAUTHENTICATED, INVALID_ARGUMENT -> CliException.badInput(where + ": " + description);
        default -> new CliException(ExitCode.INTERNAL, where + ": " + e.getStatus().getCode() + ": " + description);
      };
    } finally {
      channel.shutdownNow();
    }
  }
}
