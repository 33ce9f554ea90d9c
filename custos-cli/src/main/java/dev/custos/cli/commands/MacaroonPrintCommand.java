package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Caveat;
import dev.custos.core.macaroon.FirstPartyCaveat;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.ThirdPartyCaveat;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon print} (lncli {@code printmacaroon}): location, identifier version, root
 * key id (hex), permissions and caveats. Never the signature: with it, the output would be the
 * credential.
 */
@Command(name = "print", mixinStandardHelpOptions = true, description = "Show what a macaroon grants (never its signature).")
public final class MacaroonPrintCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--in", required = true, paramLabel = "FILE")
  Path in;

  @Option(names = "--json", description = "One JSON object: location, version, rootKeyId, permissions, caveats, thirdPartyCaveats.")
  boolean json;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Macaroon m = MacaroonFiles.read(in);
    Optional<MacaroonId> id = decodeId(m);
    HexFormat hex = HexFormat.of();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("location", m.location());
    byte[] identifier = m.identifier();
    if (id.isPresent()) {
      root.put("version", MacaroonId.VERSION);
      root.put("rootKeyId", hex.formatHex(id.get().storageId()));
      ArrayNode ops = root.putArray("permissions");
      id.get().ops().stream().map(Permission::toString).forEach(ops::add);
    } else {
      root.putNull("version");
      root.put("identifier", hex.formatHex(identifier));
    }
    ArrayNode first = root.putArray("caveats");
    ArrayNode third = root.putArray("thirdPartyCaveats");
    for (Caveat c : m.caveats()) {
      switch (c) {
        case FirstPartyCaveat f -> first.add(f.condition());
        case ThirdPartyCaveat t -> third.addObject().put("location", t.location()).put("id", hex.formatHex(t.identifier()));
      }
    }
    if (json) {
      ctx.stdout().println(root.toString());
      return 0;
    }
    ctx.stdout().println("location:     " + m.location());
    if (id.isPresent()) {
      ctx.stdout().println("version:      " + MacaroonId.VERSION);
      ctx.stdout().println("root key id:  " + hex.formatHex(id.get().storageId()));
      ctx.stdout().println("permissions:  " + String.join(" ", id.get().ops().stream().map(Permission::toString).toList()));
    } else {
      ctx.stdout().println("identifier:   " + hex.formatHex(identifier) + " (not an LND/Custos identifier)");
    }
    first.forEach(c -> ctx.stdout().println("caveat:       " + c.asText()));
    third.forEach(c -> ctx.stdout().println("third party:  " + c.get("location").asText() + " (caveat id " + c.get("id").asText() + ")"));
    return 0;
  }

  private static Optional<MacaroonId> decodeId(Macaroon m) {
    try {
      return Optional.of(MacaroonId.decode(m.identifier()));
    } catch (MacaroonFormatException e) {
      return Optional.empty();
    }
  }
}
