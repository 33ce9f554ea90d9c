package dev.custos.cli.client;

import picocli.CommandLine.Command;

/**
 * {@code custos remote ...}: the local {@code psbt}, {@code policy} and {@code audit} commands,
 * but answered by a running server over gRPC/TLS instead of opening the data directory. A
 * separate group so that a local command never silently becomes a network call.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
    description = "Commands answered by a running server (--rpcserver, --tlscertpath, --macaroonpath).",
    subcommands = {RemotePsbtCommand.class, RemotePolicyCommand.class, RemoteAuditCommand.class})
public final class RemoteCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
