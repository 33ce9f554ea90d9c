package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.core.macaroon.Permission;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.service.macaroon.RpcPermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
    Map<String, Set<Permission>> presets = new LinkedHashMap<>();
    for (MacaroonPreset p : MacaroonPreset.values()) {
      presets.put(p.cliName(), p.permissions());
    }
    MacaroonOutput.printPermissions(ctx, RpcPermissions.table(), presets, json);
    return 0;
  }
}
