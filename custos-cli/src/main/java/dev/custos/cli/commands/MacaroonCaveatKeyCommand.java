package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon caveat-key --out F}: a fresh third-party caveat key (32 random bytes,
 * 0600, never printed), to share between the service that adds the caveat and the one that
 * discharges it. Never replaces an existing file.
 */
@Command(name = "caveat-key", mixinStandardHelpOptions = true,
    description = "Write a fresh third-party caveat key (32 random bytes, 0600) to share with a discharging service.")
public final class MacaroonCaveatKeyCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key (must not exist).")
  Path out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    MacaroonCaveatKeyFile.create(out, ctx.random());
    ctx.stdout().println("wrote caveat key " + out + " (0600; keep it secret, share it only with the discharging service)");
    return 0;
  }
}
