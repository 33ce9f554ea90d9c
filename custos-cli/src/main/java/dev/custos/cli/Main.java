package dev.custos.cli;

import dev.custos.cli.approval.AdminCommand;
import dev.custos.cli.approval.ApprovalsCommand;
import dev.custos.cli.client.GetInfoCommand;
import dev.custos.cli.client.RemoteCommand;
import dev.custos.cli.client.RpcOptions;
import dev.custos.cli.client.UnlockCommand;
import dev.custos.cli.commands.DescriptorsCommand;
import dev.custos.cli.cosigner.CosignerCommand;
import dev.custos.cli.cosigner.ThresholdCommand;
import dev.custos.cli.commands.InitCommand;
import dev.custos.cli.commands.MacaroonCommand;
import dev.custos.cli.commands.PolicyCommand;
import dev.custos.cli.commands.PsbtCommand;
import dev.custos.cli.commands.AuditCommand;
import dev.custos.cli.commands.ChannelsCommand;
import dev.custos.cli.commands.VersionCommand;
import dev.custos.cli.quickstart.QuickstartCommand;
import dev.custos.cli.serve.ServeCommand;
import dev.custos.cli.walkthrough.WalkthroughCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code custos} command. Every failure is one line on stderr and an {@link ExitCode}; stack
 * traces only with {@code --verbose}.
 */
@Command(
    name = "custos",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Self-hosted key custodian and validating signer for Bitcoin.",
    subcommands = {InitCommand.class, DescriptorsCommand.class, PsbtCommand.class, PolicyCommand.class, AuditCommand.class, MacaroonCommand.class,
        AdminCommand.class, ApprovalsCommand.class, ChannelsCommand.class, VersionCommand.class,
        WalkthroughCommand.class, QuickstartCommand.class, ServeCommand.class, UnlockCommand.class, GetInfoCommand.class, RemoteCommand.class,
        CosignerCommand.class, ThresholdCommand.class})
public final class Main implements Runnable {
  private final CliContext context;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  @Mixin
  RpcOptions rpc = new RpcOptions();

  public Main(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  /** The client connection options (global, lncli-style). */
  public RpcOptions rpc() {
    return rpc;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.stderr());
  }

  public static void main(String[] args) {
    System.exit(execute(CliContext.system(), args));
  }

  /** Runs the command line in-process and returns the exit code. */
  public static int execute(CliContext context, String... args) {
    Main main = new Main(context);
    CommandLine cl = new CommandLine(main);
    cl.setOut(new java.io.PrintWriter(context.stdout(), true));
    cl.setErr(new java.io.PrintWriter(context.stderr(), true));
    cl.setParameterExceptionHandler((ex, a) -> {
      context.stderr().println("custos: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return ExitCode.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean verbose = parseResult.hasMatchedOption("--verbose") || main.verbose;
      if (ex instanceof CliException ce) {
        context.stderr().println("custos: " + ce.getMessage());
        if (verbose && ce.getCause() != null) {
          ce.getCause().printStackTrace(context.stderr());
        }
        return ce.exitCode();
      }
      context.stderr().println("custos: internal error: " + ex.getClass().getSimpleName()
          + (verbose ? "" : " (run with --verbose for details)"));
      if (verbose) {
        ex.printStackTrace(context.stderr());
      }
      return ExitCode.INTERNAL;
    });
    return cl.execute(args);
  }
}
