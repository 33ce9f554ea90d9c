package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.ThirdPartyCaveat;
import dev.custos.core.secret.SecretBytes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon discharge}: what the discharging service (for example an approver) runs
 * to satisfy a third-party caveat. Mints the discharge macaroon for {@code --caveat-id} with the
 * shared caveat key, adds the first-party caveat options (a short {@code --timeout} is usual),
 * and binds it to the macaroon of {@code --bind-to} (go-macaroon's {@code Bind}), so it verifies
 * only together with that macaroon. The macaroon must carry a third-party caveat with that id.
 */
@Command(name = "discharge", mixinStandardHelpOptions = true,
    description = "Make a discharge macaroon for a third-party caveat, bound to the macaroon it discharges.")
public final class MacaroonDischargeCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--caveat-key-file", required = true, paramLabel = "FILE", description = "The shared caveat key (32 bytes, 0600).")
  Path caveatKeyFile;

  @Option(names = "--caveat-id", required = true, paramLabel = "ID", description = "The id of the third-party caveat to discharge.")
  String caveatId;

  @Option(names = "--bind-to", required = true, paramLabel = "MACAROON_FILE",
      description = "The macaroon whose third-party caveat this discharges; the discharge is bound to it.")
  Path bindTo;

  @Mixin
  CaveatOptions caveats;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bound discharge (binary, 0600).")
  Path out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    byte[] id = MacaroonCaveatIds.bytes(caveatId);
    Macaroon root = MacaroonFiles.read(bindTo);
    Optional<ThirdPartyCaveat> caveat = root.caveats().stream()
        .filter(c -> c instanceof ThirdPartyCaveat t && Arrays.equals(t.identifier(), id))
        .map(ThirdPartyCaveat.class::cast).findFirst();
    if (caveat.isEmpty()) {
      throw CliException.badInput(bindTo + " has no third-party caveat with id '" + caveatId + "'");
    }
    List<Condition> conditions = caveats.conditions(ctx.clock().instant());
    MacaroonFiles.requireWritableTarget(out);
    Macaroon discharge;
    try (SecretBytes key = MacaroonCaveatKeyFile.read(caveatKeyFile)) {
      discharge = Macaroon.mint(key, id, caveat.get().location());
    }
    for (Condition c : conditions) {
      discharge = discharge.addFirstPartyCaveat(c.text());
    }
    MacaroonFiles.write(out, discharge.bindForRequest(root));
    ctx.stdout().println("wrote discharge " + out + " for caveat '" + caveatId + "' of " + bindTo + " with " + conditions.size()
        + " caveat(s); send it with --dischargepath " + out);
    return 0;
  }
}
