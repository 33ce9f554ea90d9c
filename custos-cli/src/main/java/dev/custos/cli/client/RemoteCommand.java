package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code custos remote ...}: the local {@code psbt}, {@code policy}, {@code audit}, {@code macaroon},
 * {@code admin} and {@code approvals} commands,
 * but answered by a running server over gRPC/TLS instead of opening the data directory. A
 * separate group so that a local command never silently becomes a network call.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Commands answered by a running server (--rpcserver, --tlscertpath, --macaroonpath).",
    subcommands = {RemotePsbtCommand.class, RemotePolicyCommand.class, RemoteAuditCommand.class, RemoteMacaroonCommand.class,
        RemoteAdminCommand.class, RemoteApprovalsCommand.class})
public final class RemoteCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
