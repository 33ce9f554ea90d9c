package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliContext;
import dev.custos.core.macaroon.Permission;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The output of {@code macaroon list-ids} and {@code macaroon permissions}, shared by the local
 * commands and their {@code remote macaroon} counterparts so both print the same (docs/cli.md).
 */
public final class MacaroonOutput {
  private MacaroonOutput() {}

  /** One root key id: hex id, RFC 3339 creation time, label (maybe empty). */
  public record IdRow(String id, String createdAt, String label) {}

  /** Text: one line per id, {@code id  createdAt  label}; JSON: {@code {"rootKeyIds": [...]}}. */
  public static void printIds(CliContext ctx, List<IdRow> ids, boolean json) {
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      ArrayNode a = root.putArray("rootKeyIds");
      ids.forEach(k -> a.addObject().put("id", k.id()).put("createdAt", k.createdAt()).put("label", k.label()));
      ctx.stdout().println(root.toString());
      return;
    }
    ids.forEach(k -> ctx.stdout().println(k.id() + "  " + k.createdAt() + (k.label().isEmpty() ? "" : "  " + k.label())));
  }

  /**
   * Text: one line per RPC, then one per preset; JSON: {@code {"methodPermissions": {RPC: [...]},
   * "presets": {name: [...]}}}.
   */
  public static void printPermissions(CliContext ctx, Map<String, ? extends Collection<Permission>> methods,
      Map<String, ? extends Collection<Permission>> presets, boolean json) {
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      ObjectNode m = root.putObject("methodPermissions");
      methods.forEach((rpc, ps) -> {
        ArrayNode a = m.putArray(rpc);
        ps.forEach(p -> a.add(p.toString()));
      });
      ObjectNode pr = root.putObject("presets");
      presets.forEach((name, ps) -> {
        ArrayNode a = pr.putArray(name);
        ps.forEach(p -> a.add(p.toString()));
      });
      ctx.stdout().println(root.toString());
      return;
    }
    methods.forEach((rpc, ps) -> ctx.stdout().printf("%-18s %s%n", rpc, join(ps)));
    ctx.stdout().println();
    presets.forEach((name, ps) -> ctx.stdout().printf("preset %-11s %s%n", name, join(ps)));
  }

  private static String join(Collection<Permission> ps) {
    return ps.stream().map(Permission::toString).collect(Collectors.joining(" "));
  }
}
