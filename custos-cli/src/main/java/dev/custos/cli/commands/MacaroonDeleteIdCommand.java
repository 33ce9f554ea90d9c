package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.service.macaroon.RootKeyRegistry;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon delete-id} (lncli {@code deletemacaroonid}): deletes a root key id, which
 * revokes every macaroon baked under it and every copy constrained from them. Audited.
 */
@Command(name = "delete-id", mixinStandardHelpOptions = true, description = "Delete a root key id: revokes the macaroons baked under it.")
public final class MacaroonDeleteIdCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--id", required = true, paramLabel = "HEX", description = "The root key id, 16 hex digits (see list-ids or print).")
  String id;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    RootKeyId rootKeyId;
    try {
      rootKeyId = RootKeyId.parse(id);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--id: " + e.getMessage());
    }
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      if (!new RootKeyRegistry(node.store(), ctx.clock()).revoke(rootKeyId, node.config().principal())) {
        throw CliException.badInput("no macaroon root key id " + rootKeyId + " in this store (see 'custos macaroon list-ids')");
      }
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure, nothing revoked: " + e.getMessage(), e);
    }
    ctx.stdout().println("deleted root key id " + rootKeyId + ": the macaroons baked under it are revoked");
    return 0;
  }
}
