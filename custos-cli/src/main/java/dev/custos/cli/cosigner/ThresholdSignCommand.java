package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.commands.PsbtFiles;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.server.cosigner.CoordinatorException;
import dev.custos.server.cosigner.CosignerEndpoint;
import dev.custos.server.cosigner.ThresholdCoordinator;
import dev.custos.service.cosigner.GroupFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos threshold sign}: coordinates FROST sessions with the group's cosigners (pinned
 * mutual TLS) for every input of the PSBT that spends the group's output key; each signature is
 * verified with libsecp256k1 before it is written. Refusing or unreachable cosigners are skipped
 * for another subset; fewer than {@code t} willing cosigners is exit code 3 and no output.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a PSBT's group inputs with t cosigners.")
public final class ThresholdSignCommand implements Callable<Integer> {
  @ParentCommand
  ThresholdCommand parent;

  @Option(names = "--in", required = true, paramLabel = "PSBT", description = "PSBT file (binary or base64), or - for stdin.")
  String in;

  @Option(names = "--out", required = true, paramLabel = "PSBT", description = "Signed PSBT (base64), or - for stdout.")
  String out;

  @Option(names = "--group", required = true, paramLabel = "FILE", description = "The group file (verified before use).")
  Path groupFile;

  @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
      description = "A member's cosigner data directory: its TLS pair is the coordinator's client certificate.")
  Path tlsDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Per call (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    GroupFile group = CosignerDirectory.readGroup(groupFile, CosignerDirectory.readFile(groupFile, "group file"));
    Psbt psbt = PsbtFiles.read(ctx, in);
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < psbt.inputs().size(); i++) {
      if (spendsGroup(psbt.inputs().get(i), group.outputKey())) {
        inputs.add(i);
      }
    }
    if (inputs.isEmpty()) {
      throw CliException.badInput("no input of the PSBT spends the group's output key (a witness UTXO with OP_1 <output key>)");
    }
    List<CosignerEndpoint> endpoints = group.plan().members().stream()
        .map(m -> new CosignerEndpoint(m.identifier(), m.host(), m.port(), m.tlsSha256())).toList();
    try (ThresholdCoordinator coordinator = new ThresholdCoordinator(endpoints, group.outputKeys(), group.plan().threshold(),
        CosignerDirectory.tlsOf(tlsDir), Duration.ofSeconds(timeoutSeconds), ctx.random())) {
      for (int i : inputs) {
        ThresholdCoordinator.Signed signed = coordinator.sign(psbt, i);
        psbt = signed.psbt();
        signed.excluded().forEach(x -> ctx.stderr().println("custos: skipped cosigner " + x));
        ctx.stderr().println("custos: input " + i + " signed by " + signed.signers());
      }
    } catch (CoordinatorException e) {
      throw new CliException(ExitCode.REFUSED, "not signed: " + e.getMessage());
    } catch (IOException e) {
      throw CliException.badInput("cannot use the TLS pair in " + tlsDir + ": " + e.getMessage());
    }
    PsbtFiles.writeBase64(ctx, out, psbt);
    return 0;
  }

  private static boolean spendsGroup(PsbtInput input, byte[] outputKey) {
    return input.witnessUtxo().map(o -> {
      byte[] script = o.publicKeyScript.toByteArray();
      return script.length == 34 && script[0] == 0x51 && script[1] == 0x20 && Arrays.equals(Arrays.copyOfRange(script, 2, 34), outputKey);
    }).orElse(false);
  }
}
