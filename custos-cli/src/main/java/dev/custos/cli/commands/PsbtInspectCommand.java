package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.WalletFile;
import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.analysis.PsbtAnalyzer;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.Psbt;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos psbt inspect}: what a PSBT does. With {@code --data-dir}, change outputs are
 * verified by derivation from the wallet's xpubs; without it, every output counts as leaving.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Analyse a PSBT: inputs, outputs, change, amount leaving, fee, warnings.")
public final class PsbtInspectCommand implements Callable<Integer> {
  @ParentCommand
  PsbtCommand parent;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary), or - for stdin.")
  String in;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Keystore whose accounts decide which outputs are ours.")
  Path dataDir;

  @Option(names = "--network", paramLabel = "NET",
      description = "Network for addresses (default: the keystore's, else inferred from key paths, else mainnet).")
  String network;

  @Override
  public Integer call() throws Exception {
    Main main = parent.main;
    Psbt psbt = PsbtFiles.read(main.context(), in);
    Optional<WalletFile> wallet = dataDir == null ? Optional.empty() : Optional.of(Keystores.open(dataDir).wallet());
    Network net = chooseNetwork(psbt, wallet);
    PsbtAnalysis a = PsbtAnalyzer.analyze(psbt, net,
        wallet.map(w -> new WalletView(w.masterFingerprint(), w.accounts())));
    if (json) {
      ObjectMapper m = new ObjectMapper();
      main.context().stdout().println(m.writerWithDefaultPrettyPrinter().writeValueAsString(AnalysisJson.toJson(m, a)));
    } else {
      AnalysisText.print(main.context().stdout(), a, wallet.isPresent());
    }
    return 0;
  }

  private Network chooseNetwork(Psbt psbt, Optional<WalletFile> wallet) throws CliException {
    Optional<Network> explicit = Optional.empty();
    if (network != null) {
      try {
        explicit = Optional.of(Network.parse(network));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
    }
    if (explicit.isPresent() && wallet.isPresent() && explicit.get() != wallet.get().network()) {
      throw CliException.badInput("--network " + explicit.get().id() + " contradicts the keystore's network " + wallet.get().network().id());
    }
    return explicit.or(() -> wallet.map(WalletFile::network)).orElseGet(() -> NetworkGuess.fromKeyPaths(psbt));
  }
}
