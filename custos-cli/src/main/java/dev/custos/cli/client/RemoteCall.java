package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A client command: resolves the connection from the global {@link RpcOptions} and
 * {@code --data-dir}, makes its calls, and turns any gRPC status into an exit code through
 * {@link StatusExits}.
 */
abstract class RemoteCall implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory of a local server: default for tls.cert and admin.macaroon.")
  Path dataDir;

  /** The calls this command makes; output goes to {@code ctx.stdout()}. */
  abstract int run(CliContext ctx, RemoteConnection connection) throws CliException;

  @Override
  public final Integer call() throws CliException {
    Main main = (Main) spec.root().userObject();
    RemoteTarget target = RemoteTarget.resolve(main.rpc(), Optional.ofNullable(dataDir));
    try (RemoteConnection connection = RemoteConnection.open(target)) {
      return run(main.context(), connection);
    } catch (StatusRuntimeException e) {
      throw StatusExits.toCli(e, target);
    }
  }
}
