package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.GetInfoResponse;
import picocli.CommandLine.Command;

/** {@code custos getinfo}: the running server's version, network, wallet, lock state, policy version. */
@Command(name = "getinfo", mixinStandardHelpOptions = true, description = "Ask a running server (--rpcserver) for its state.")
public final class GetInfoCommand extends RemoteCall {
  @Override
  int run(CliContext ctx, RemoteConnection connection) {
    GetInfoResponse info = connection.stub().getInfo(GetInfoRequest.getDefaultInstance());
    ctx.stdout().println("version: " + info.getVersion());
    ctx.stdout().println("network: " + info.getNetwork());
    ctx.stdout().println("master_fingerprint: " + info.getMasterFingerprint());
    ctx.stdout().println("unlocked: " + info.getUnlocked());
    ctx.stdout().println("policy_version: " + info.getPolicyVersion());
    ctx.stdout().println("audit_key: " + info.getAuditKey());
    return 0;
  }
}
