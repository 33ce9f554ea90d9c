package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.ShowPolicyResponse;
import picocli.CommandLine.Command;

/** {@code custos remote policy show}: the policy in force on the server, as the local {@code policy show} prints it. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the policy in force on a running server.")
public final class RemotePolicyShowCommand extends RemoteCall {
  @Override
  int run(CliContext ctx, RemoteConnection connection) {
    ShowPolicyResponse p = connection.stub().showPolicy(ShowPolicyRequest.getDefaultInstance());
    if (!p.getApplied()) {
      ctx.stdout().println("no policy applied: every signing request is denied (policy-none-applied)");
      return 0;
    }
    ctx.stdout().println("# policy version " + p.getVersion() + ", sha256 " + p.getSha256() + ", applied " + p.getAppliedAt()
        + " by " + p.getAppliedBy());
    ctx.stdout().print(p.getText().endsWith("\n") ? p.getText() : p.getText() + "\n");
    return 0;
  }
}
