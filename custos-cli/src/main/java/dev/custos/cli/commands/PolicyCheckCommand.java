package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.cli.wallet.Keystores;
import dev.custos.core.keys.Network;
import dev.custos.service.policyfile.PolicyFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos policy check}: validates a policy file without applying it. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a policy file (nothing is applied).")
public final class PolicyCheckCommand implements Callable<Integer> {
  @ParentCommand
  PolicyCommand parent;

  @Option(names = "--file", required = true, paramLabel = "F")
  Path file;

  @Option(names = "--network", paramLabel = "NET", description = "Network of the addresses in the file (default: the keystore's with --data-dir, else mainnet).")
  String network;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Take the network from this keystore.")
  Path dataDir;

  @Override
  public Integer call() throws CliException {
    Network net;
    try {
      net = network != null ? Network.parse(network) : dataDir != null ? Keystores.open(dataDir).wallet().network() : Network.MAINNET;
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    PolicyFile p = PolicyFiles.read(file, net);
    parent.main.context().stdout().println(file + ": valid policy (version " + p.policy().version() + ", network " + net.id()
        + ", sha256 " + p.sha256Hex() + ")");
    return 0;
  }
}
