package dev.custos.cli.client;

import com.google.protobuf.ByteString;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custos remote psbt sign}: the server signs through its policy. Denied: exit 3 with the
 * tags; pending approval: exit 4 with the request id; nothing is written then.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Have a running server sign a PSBT, if its policy allows.")
public final class RemotePsbtSignCommand extends RemoteCall {
  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary).")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Signed PSBT (base64).")
  Path out;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    byte[] psbt = PsbtFile.readBinary(in);
    SignPsbtResponse r = connection.stub().signPsbt(SignPsbtRequest.newBuilder().setPsbt(ByteString.copyFrom(psbt)).build());
    PsbtFile.writeBase64(out, r.getSignedPsbt().toByteArray());
    r.getWarningsList().forEach(w -> ctx.stderr().println("warning: " + w));
    ctx.stderr().println("signed " + r.getSignatures() + " input(s) of " + r.getAnalysis().getUnsignedTxid()
        + (r.getReplayed() ? " (replay: not debited again)" : "") + "; wrote " + out);
    return 0;
  }
}
