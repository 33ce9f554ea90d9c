package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custos remote macaroon delete-id} (lncli {@code deletemacaroonid}): revokes at once every
 * macaroon baked under the id. An id the server does not store is exit 2, as the local command.
 */
@Command(name = "delete-id", mixinStandardHelpOptions = true, description = "Delete a root key id on a running server (revokes its macaroons).")
public final class RemoteMacaroonDeleteIdCommand extends RemoteCall {
  @Option(names = "--id", required = true, paramLabel = "HEX", description = "The root key id, 16 hex digits (see list-ids).")
  String id;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    if (!connection.stub().deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId(id).build()).getDeleted()) {
      throw CliException.badInput("no macaroon root key id " + id + " on the server (see 'custos remote macaroon list-ids')");
    }
    ctx.stdout().println("deleted root key id " + id + ": the macaroons baked under it are revoked");
    return 0;
  }
}
