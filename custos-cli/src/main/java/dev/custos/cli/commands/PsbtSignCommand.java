package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.wallet.Keystore;
import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.analysis.PsbtAnalyzer;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.sign.InputSigning;
import dev.custos.core.sign.PsbtSigner;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.SigningResult;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos psbt sign}: adds this keystore's signatures to a PSBT. The summary goes to stderr
 * so that {@code --out -} yields only the PSBT on stdout. If no input is ours, or the signer
 * refuses, nothing is written.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign the inputs of a PSBT that belong to this keystore.")
public final class PsbtSignCommand implements Callable<Integer> {
  @ParentCommand
  PsbtCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary), or - for stdin.")
  String in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Signed PSBT (base64), or - for stdout.")
  String out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Psbt psbt = PsbtFiles.read(ctx, in);
    Keystore ks = Keystore.open(dataDir);
    SigningResult result;
    try (SecretBytes pass = passphrase.resolve(ctx, false);
        PassphraseSealer sealer = PassphraseSealer.forUnsealing(pass);
        ExtendedPrivateKey master = ks.unlock(sealer)) {
      result = new PsbtSigner(SigningOptions.DEFAULTS, ctx.random()).sign(psbt, new HdSigningKeys(master));
    } catch (SigningRefusedException e) {
      throw new CliException(ExitCode.REFUSED, "refused to sign: " + e.getMessage());
    }
    if (result.signatureCount() == 0) {
      result.warnings().forEach(w -> ctx.stderr().println("custos: " + w));
      throw CliException.badInput(String.format("no input of this PSBT belongs to wallet %08x: nothing signed, nothing written",
          ks.wallet().masterFingerprint()));
    }
    PsbtFiles.writeBase64(ctx, out, result.psbt());
    PsbtAnalysis a = PsbtAnalyzer.analyze(result.psbt(), ks.wallet().network(),
        Optional.of(new WalletView(ks.wallet().masterFingerprint(), ks.wallet().accounts())));
    for (InputSigning s : result.inputs()) {
      if (s.status() == InputSigning.Status.SIGNED) {
        ctx.stderr().printf("signed input %d (%s): %d signature(s)%n", s.index(), s.scriptType().label(), s.signatures());
      }
    }
    ctx.stderr().printf("sending %s; fee %s%n", AnalysisText.btc(a.amountLeavingSat()),
        a.feeSat().isPresent() ? AnalysisText.btc(a.feeSat().getAsLong()) : "unknown");
    result.warnings().forEach(w -> ctx.stderr().println("warning: " + w));
    a.warnings().stream().filter(w -> !result.warnings().contains(w)).forEach(w -> ctx.stderr().println("warning: " + w));
    return 0;
  }
}
