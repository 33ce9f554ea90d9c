package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.commands.MacaroonOutput;
import dev.custos.core.macaroon.Permission;
import dev.custos.proto.v1.ListPermissionsRequest;
import dev.custos.proto.v1.MacaroonPermissionList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code custos remote macaroon permissions} (lncli {@code listpermissions}): the server's table, printed as the local command. */
@Command(name = "permissions", mixinStandardHelpOptions = true, description = "Print the permission each RPC of a running server requires.")
public final class RemoteMacaroonPermissionsCommand extends RemoteCall {
  @Option(names = "--json", description = "One JSON object: {\"methodPermissions\": {RPC: [permission, ...]}, \"presets\": {...}}.")
  boolean json;

  @Override
  int run(CliContext ctx, RemoteConnection connection) {
    var reply = connection.stub().listPermissions(ListPermissionsRequest.getDefaultInstance());
    MacaroonOutput.printPermissions(ctx, permissions(reply.getMethodPermissionsMap()), permissions(reply.getPresetsMap()), json);
    return 0;
  }

  private static Map<String, List<Permission>> permissions(Map<String, MacaroonPermissionList> byName) {
    Map<String, List<Permission>> out = new LinkedHashMap<>();
    byName.forEach((name, list) -> out.put(name, list.getPermissionsList().stream()
        .map(p -> new Permission(p.getEntity(), p.getAction())).toList()));
    return out;
  }
}
