package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.commands.CaveatOptions;
import dev.custos.cli.commands.MacaroonBakeCommand;
import dev.custos.cli.commands.MacaroonFiles;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.Permission;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.BakeMacaroonResponse;
import dev.custos.proto.v1.MacaroonPermission;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custos remote macaroon bake} (lncli {@code bakemacaroon}): the server bakes a macaroon
 * that grants at most what the calling macaroon ({@code --macaroonpath}) holds and carries its
 * caveats; written binary 0600 to {@code --out}, as the local {@code macaroon bake}.
 */
@Command(name = "bake", mixinStandardHelpOptions = true, description = "Have a running server bake a macaroon (never more than yours).")
public final class RemoteMacaroonBakeCommand extends RemoteCall {
  @ArgGroup(exclusive = true, multiplicity = "1")
  MacaroonBakeCommand.Grant grant;

  @Mixin
  CaveatOptions caveats;

  @Option(names = "--root-key-id", paramLabel = "HEX", description = "Bake under this root key id (16 hex digits); default: a fresh one.")
  String rootKeyId = "";

  @Option(names = "--label", paramLabel = "L", description = "A note stored with a fresh root key id (shown by list-ids).")
  String label = "";

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the macaroon (binary, 0600).")
  Path out;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    var request = BakeMacaroonRequest.newBuilder().setRootKeyId(rootKeyId).setLabel(label);
    for (Permission p : grant.resolve()) {
      request.addPermissions(MacaroonPermission.newBuilder().setEntity(p.entity()).setAction(p.action()));
    }
    for (Condition c : caveats.conditions(ctx.clock().instant())) {
      request.addCaveats(c.text());
    }
    MacaroonFiles.requireWritableTarget(out);
    BakeMacaroonResponse reply = connection.stub().bakeMacaroon(request.build());
    Macaroon baked;
    try {
      baked = Macaroon.fromHex(reply.getMacaroon());
    } catch (MacaroonFormatException e) {
      throw CliException.badInput("the server returned no valid macaroon: " + e.getMessage());
    }
    MacaroonFiles.write(out, baked);
    ctx.stdout().println("baked macaroon " + out + " with root key id " + reply.getRootKeyId()
        + " (revoke with: custos remote macaroon delete-id --id " + reply.getRootKeyId() + ")");
    return 0;
  }
}
