package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.secret.SecretBytes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon constrain} (lncli {@code constrainmacaroon}): a weaker copy with more
 * first-party caveats and, with {@code --third-party}, a third-party caveat that needs a discharge
 * macaroon from that service ({@code custos macaroon discharge}). Needs no data directory: anyone
 * holding a macaroon may attenuate it (a third-party caveat needs the caveat key shared with the
 * discharging service); the copy stays revocable through the original's root key id.
 */
@Command(name = "constrain", mixinStandardHelpOptions = true,
    description = "Add caveats to a macaroon (needs no secret, except the caveat key of a --third-party caveat).")
public final class MacaroonConstrainCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--in", required = true, paramLabel = "FILE")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the constrained macaroon (binary, 0600).")
  Path out;

  @Mixin
  CaveatOptions caveats;

  @ArgGroup(exclusive = false)
  MacaroonThirdPartyOptions thirdParty;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    if (caveats.isEmpty() && thirdParty == null) {
      throw CliException.badInput("constrain: give at least one of --timeout, --ip-address, --ip-range, --custom-caveat, "
          + "--max-amount, --destination, --account, --third-party");
    }
    Macaroon m = MacaroonFiles.read(in);
    List<Condition> conditions = caveats.conditions(ctx.clock().instant());
    int added = conditions.size() + (thirdParty == null ? 0 : 1);
    if (m.caveats().size() + added > Macaroon.MAX_CAVEATS) {
      throw CliException.badInput(in + " already has " + m.caveats().size() + " caveats; a macaroon holds at most " + Macaroon.MAX_CAVEATS);
    }
    for (Condition c : conditions) {
      m = m.addFirstPartyCaveat(c.text());
    }
    if (thirdParty != null) {
      byte[] id = thirdParty.caveatIdBytes();
      try (SecretBytes key = MacaroonCaveatKeyFile.read(thirdParty.caveatKeyFile)) {
        m = m.addThirdPartyCaveat(key, id, thirdParty.location, ctx.random());
      }
    }
    MacaroonFiles.write(out, m);
    ctx.stdout().println("constrained macaroon " + out + " with " + added + " more caveat(s)"
        + (thirdParty == null ? "" : "; it now needs a discharge from " + thirdParty.location));
    return 0;
  }
}
