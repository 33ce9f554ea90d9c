package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.service.macaroon.RootKeyRegistry;
import dev.custos.store.StoreException;
import dev.custos.store.StoredRootKey;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos macaroon list-ids} (lncli {@code listmacaroonids}): every live root key id. */
@Command(name = "list-ids", mixinStandardHelpOptions = true, description = "List the macaroon root key ids (one per baked macaroon).")
public final class MacaroonListIdsCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "One JSON object: {\"rootKeyIds\": [{\"id\", \"createdAt\", \"label\"}]}.")
  boolean json;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    List<StoredRootKey> keys;
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      keys = new RootKeyRegistry(node.store(), ctx.clock()).list();
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot list macaroon root key ids: " + e.getMessage(), e);
    }
    HexFormat hex = HexFormat.of();
    MacaroonOutput.printIds(ctx, keys.stream()
        .map(k -> new MacaroonOutput.IdRow(hex.formatHex(k.id()), k.createdAt().toString(), k.label())).toList(), json);
    return 0;
  }
}
