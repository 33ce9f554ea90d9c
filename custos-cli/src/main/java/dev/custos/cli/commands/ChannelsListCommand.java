package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoredChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos channels list}: one line per stored channel. Read-only. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored Lightning channels.")
public final class ChannelsListCommand implements Callable<Integer> {
  @ParentCommand
  ChannelsCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "One JSON object: {\"channels\": [...]}, fields as in 'channels show --json'.")
  boolean json;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    List<StoredChannel> rows;
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      rows = node.store().read(ReadTx::channels);
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot list channels: " + e.getMessage(), e);
    }
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      ArrayNode channels = root.putArray("channels");
      for (StoredChannel row : rows) {
        ChannelView.json(channels.addObject(), row, ChannelRowsReader.decode(row));
      }
      ctx.stdout().println(root.toString());
      return 0;
    }
    for (StoredChannel row : rows) {
      ctx.stdout().println(ChannelView.line(row, ChannelRowsReader.decode(row)));
    }
    return 0;
  }
}
