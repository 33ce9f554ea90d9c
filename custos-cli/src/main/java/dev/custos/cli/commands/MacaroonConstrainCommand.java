package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Macaroon;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon constrain} (lncli {@code constrainmacaroon}): a weaker copy with more
 * first-party caveats. Needs no secret and no data directory: anyone holding a macaroon may
 * attenuate it; the copy stays revocable through the original's root key id.
 */
@Command(name = "constrain", mixinStandardHelpOptions = true, description = "Add caveats to a macaroon (needs no secret).")
public final class MacaroonConstrainCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--in", required = true, paramLabel = "FILE")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the constrained macaroon (binary, 0600).")
  Path out;

  @Mixin
  CaveatOptions caveats;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    if (caveats.isEmpty()) {
      throw CliException.badInput("constrain: give at least one of --timeout, --ip-address, --ip-range, --custom-caveat, --max-amount");
    }
    Macaroon m = MacaroonFiles.read(in);
    List<Condition> conditions = caveats.conditions(ctx.clock().instant());
    if (m.caveats().size() + conditions.size() > Macaroon.MAX_CAVEATS) {
      throw CliException.badInput(in + " already has " + m.caveats().size() + " caveats; a macaroon holds at most " + Macaroon.MAX_CAVEATS);
    }
    for (Condition c : conditions) {
      m = m.addFirstPartyCaveat(c.text());
    }
    MacaroonFiles.write(out, m);
    ctx.stdout().println("constrained macaroon " + out + " with " + conditions.size() + " more caveat(s)");
    return 0;
  }
}
