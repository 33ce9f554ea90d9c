package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliContext;
import dev.custos.core.macaroon.Permission;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.service.macaroon.RpcPermissions;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos macaroon permissions} (lncli {@code listpermissions}): the RPC permission table. */
@Command(name = "permissions", mixinStandardHelpOptions = true, description = "Print the permission each RPC requires, and the presets.")
public final class MacaroonPermissionsCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--json", description = "One JSON object: {\"methodPermissions\": {RPC: [permission, ...]}, \"presets\": {...}}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext ctx = parent.main.context();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      ObjectNode methods = root.putObject("methodPermissions");
      RpcPermissions.table().forEach((rpc, ps) -> {
        ArrayNode a = methods.putArray(rpc);
        ps.forEach(p -> a.add(p.toString()));
      });
      ObjectNode presets = root.putObject("presets");
      for (MacaroonPreset p : MacaroonPreset.values()) {
        ArrayNode a = presets.putArray(p.cliName());
        p.permissions().forEach(x -> a.add(x.toString()));
      }
      ctx.stdout().println(root.toString());
      return 0;
    }
    RpcPermissions.table().forEach((rpc, ps) -> ctx.stdout().printf("%-18s %s%n", rpc, join(ps)));
    ctx.stdout().println();
    for (MacaroonPreset p : MacaroonPreset.values()) {
      ctx.stdout().printf("preset %-11s %s%n", p.cliName(), join(p.permissions()));
    }
    return 0;
  }

  private static String join(Set<Permission> ps) {
    return ps.stream().map(Permission::toString).collect(Collectors.joining(" "));
  }
}
