package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Decision;
import dev.custos.core.policy.Finding;
import dev.custos.core.policy.PolicyTag;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.service.signing.PolicyParser;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** Prints policy decisions and maps them to exit codes (3 denied, 4 pending approval). */
final class DecisionOutput {
  private DecisionOutput() {}

  static void print(PrintStream out, Decision d) {
    out.println("decision: " + d.verdict());
    for (Finding f : d.findings()) {
      out.println("  " + f.effect() + " " + f.tag() + ": " + f.reason());
    }
    for (String b : d.budgets()) {
      out.println("  budget " + b);
    }
  }

  /** Throws the exit-3/4 error for a non-ALLOW decision; the tags go on the one stderr line. */
  static void requireAllowed(Decision d) throws CliException {
    switch (d.verdict()) {
      case ALLOW -> { }
      case DENY -> throw new CliException(ExitCode.REFUSED, "denied by policy: " + tags(d, Finding.Effect.DENY));
      case PENDING_APPROVAL -> throw new CliException(ExitCode.PENDING_APPROVAL,
          "pending approval: " + tags(d, Finding.Effect.APPROVAL) + " (request recorded)");
    }
  }

  static String tags(Decision d, Finding.Effect effect) {
    return d.tags(effect).stream().map(PolicyTag::value).collect(Collectors.joining(" "));
  }

  static int exitCode(Decision d) {
    return switch (d.verdict()) {
      case ALLOW -> ExitCode.OK;
      case DENY -> ExitCode.REFUSED;
      case PENDING_APPROVAL -> ExitCode.PENDING_APPROVAL;
    };
  }

  /** Reads applied policies back; a stored policy that no longer parses fails closed. */
  static PolicyParser parser(Network network) {
    return text -> {
      try {
        return PolicyFile.parse(text, "applied policy", network).policy();
      } catch (PolicyFileException e) {
        throw new IllegalStateException("the applied policy no longer parses: " + e.getMessage());
      }
    };
  }

  static void printWarnings(CliContext ctx, Decision d) {
    d.findings().stream().filter(f -> f.effect() == Finding.Effect.WARN)
        .forEach(f -> ctx.stderr().println("warning: " + f.tag() + " (warn-only): " + f.reason()));
  }
}
