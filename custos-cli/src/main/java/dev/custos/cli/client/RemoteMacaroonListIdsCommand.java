package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.commands.MacaroonOutput;
import dev.custos.proto.v1.ListMacaroonIdsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code custos remote macaroon list-ids} (lncli {@code listmacaroonids}), printed as the local {@code macaroon list-ids}. */
@Command(name = "list-ids", mixinStandardHelpOptions = true, description = "List a running server's macaroon root key ids.")
public final class RemoteMacaroonListIdsCommand extends RemoteCall {
  @Option(names = "--json", description = "One JSON object: {\"rootKeyIds\": [{\"id\", \"createdAt\", \"label\"}]}.")
  boolean json;

  @Override
  int run(CliContext ctx, RemoteConnection connection) {
    var reply = connection.stub().listMacaroonIds(ListMacaroonIdsRequest.getDefaultInstance());
    MacaroonOutput.printIds(ctx, reply.getRootKeysList().stream()
        .map(k -> new MacaroonOutput.IdRow(k.getId(), k.getCreatedAt(), k.getLabel())).toList(), json);
    return 0;
  }
}
