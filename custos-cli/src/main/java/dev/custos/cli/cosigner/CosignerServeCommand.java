package dev.custos.cli.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.FrostException;
import dev.custos.core.keys.Network;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.GetGroupResponse;
import dev.custos.server.ServerStartException;
import dev.custos.server.cosigner.CosignerServer;
import dev.custos.service.cosigner.Cosigner;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupWallet;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.store.Store;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner serve}: unseals the share (with the exact group file it was sealed
 * with) and serves {@code custos.v1.Cosigner} on its group address over pinned mutual TLS (the
 * clients: the group members' certificates). Every round is checked and decided by this
 * directory's own policy, store and audit trail. Runs until SIGINT/SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve Commit/Sign for this cosigner's share.")
public final class CosignerServeCommand implements Callable<Integer> {
  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.main.context();
    CosignerDirectory dir = CosignerDirectory.open(dataDir);
    byte[] groupBytes = dir.groupBytes();
    GroupFile group = CosignerDirectory.readGroup(dir.path().resolve(CosignerDirectory.GROUP), groupBytes);
    String pin = dir.card().tlsSha256();
    GroupMember me = group.plan().members().stream().filter(m -> m.tlsSha256().equals(pin)).findFirst()
        .orElseThrow(() -> CliException.badInput("group.json does not pin this cosigner's TLS certificate " + pin));
    CertifiedKey key;
    try (SecretBytes pass = passphrase.resolve(ctx, false)) {
      key = dir.share(pass, group, groupBytes);
    }
    Store store = dir.store();
    Network network = group.plan().network();
    Cosigner cosigner;
    try {
      cosigner = new Cosigner(key, store, new SigningWorkflow(store, text -> parse(text, network), ctx.clock(), ctx.random(), 1000),
          GroupWallet.of(network, group.outputKey()), ctx.clock(), ctx.random());
    } catch (FrostException e) {
      key.close();
      store.close();
      throw new CliException(ExitCode.INTERNAL, "cannot build the cosigner: " + e.getMessage(), e);
    }
    GetGroupResponse info = GetGroupResponse.newBuilder().setIdentifier(ByteString.copyFrom(me.identifier().encode()))
        .setInternalKey(ByteString.copyFrom(group.internalKey())).setOutputKey(ByteString.copyFrom(group.outputKey()))
        .setThreshold(group.plan().threshold()).setParticipants(group.plan().members().size()).build();
    CosignerServer server;
    try {
      server = CosignerServer.start(cosigner, info, dir.tls(), group.plan().tlsPins(), me.host(), me.port());
    } catch (ServerStartException e) {
      cosigner.close();
      store.close();
      throw CliException.badInput(e.getMessage());
    }
    try (store; server) {
      ctx.stderr().println("custos: cosigner " + me.index() + " of " + group.plan().threshold() + "-of-" + group.plan().members().size()
          + " serving on " + me.host() + ":" + server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "custos-cosigner-shutdown"));
      server.awaitTermination();
      return 0;
    }
  }

  private static dev.custos.core.policy.Policy parse(String text, Network network) {
    try {
      return PolicyFile.parse(text, "applied", network).policy();
    } catch (dev.custos.service.policyfile.PolicyFileException e) {
      throw new IllegalStateException("the applied policy no longer parses: " + e.getMessage());
    }
  }
}
