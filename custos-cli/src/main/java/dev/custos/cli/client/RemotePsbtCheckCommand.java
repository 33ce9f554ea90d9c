package dev.custos.cli.client;

import com.google.protobuf.ByteString;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custos remote psbt check}: the server's dry run. The decision is printed, whatever it is,
 * and the exit code is 0: nothing was written or signed (as {@code CheckPsbt} is documented).
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Dry run on a running server: the decision its policy would take now.")
public final class RemotePsbtCheckCommand extends RemoteCall {
  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary).")
  Path in;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    byte[] psbt = PsbtFile.readBinary(in);
    CheckPsbtResponse r = connection.stub().checkPsbt(CheckPsbtRequest.newBuilder().setPsbt(ByteString.copyFrom(psbt)).build());
    DecisionText.print(ctx.stdout(), r.getDecision(), r.getAnalysis());
    if (r.getReplayed()) {
      ctx.stdout().println("  (already allowed earlier: signing again will not debit twice)");
    }
    return 0;
  }
}
