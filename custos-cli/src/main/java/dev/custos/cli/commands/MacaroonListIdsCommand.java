package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      ArrayNode ids = root.putArray("rootKeyIds");
      keys.forEach(k -> ids.addObject().put("id", hex.formatHex(k.id())).put("createdAt", k.createdAt().toString()).put("label", k.label()));
      ctx.stdout().println(root.toString());
      return 0;
    }
    keys.forEach(k -> ctx.stdout().println(hex.formatHex(k.id()) + "  " + k.createdAt() + (k.label().isEmpty() ? "" : "  " + k.label())));
    return 0;
  }
}
