package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.store.StoreException;
import dev.custos.store.StoredChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code custos channels show ID}: everything stored about one channel except secrets. Read-only. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one stored Lightning channel.")
public final class ChannelsShowCommand implements Callable<Integer> {
  @ParentCommand
  ChannelsCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @Parameters(index = "0", paramLabel = "CHANNEL_ID", description = "The 64-hex-character channel id (see 'channels list').")
  String channelId;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    ChannelId id;
    try {
      id = ChannelId.fromHex(channelId);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Optional<StoredChannel> row;
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      row = node.store().read(tx -> tx.channel(id.value().toByteArray()));
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot read channel " + id + ": " + e.getMessage(), e);
    }
    StoredChannel stored = row.orElseThrow(() -> CliException.badInput("no channel " + id + " in " + dataDir));
    ChannelState state = ChannelRowsReader.decode(stored);
    if (json) {
      ctx.stdout().println(ChannelView.json(new ObjectMapper().createObjectNode(), stored, state).toString());
      return 0;
    }
    ChannelView.details(stored, state).forEach(ctx.stdout()::println);
    return 0;
  }
}
