package dev.custos.cli.walkthrough;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a real {@code custos} command in-process after printing it as {@code $ ./custos ...}, so the
 * user can repeat it by hand. A failing command stops the caller ({@code who}: "walkthrough",
 * "quickstart") with that command's exit code; its own one-line error is already on stderr.
 */
public record ShownCommand(CliContext ctx, String who) {
  public void run(String... args) throws CliException {
    List<String> shown = new ArrayList<>(List.of("$ ./custos"));
    shown.addAll(List.of(args));
    ctx.stdout().println(String.join(" ", shown));
    int code = Main.execute(ctx, args);
    ctx.stdout().println();
    if (code != 0) {
      throw new CliException(code, who + " stopped: '" + args[0] + "' failed with exit code " + code);
    }
  }
}
