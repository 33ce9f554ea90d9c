package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.cli.datadir.DataDirectoryException;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.rpc.RefreshParticipantService;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.SealedShare;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner refresh}: takes part in one share refresh of this cosigner's group (same
 * group key, same threshold, new shares). Unseals the share with its group file, serves
 * {@code custos.v1.CosignerRefresh} on its group address (clients: the members' pinned
 * certificates), and only when all {@code n} certificates over the chained refresh transcript
 * verify, re-seals the refreshed share (bound to the new group file) over
 * {@code frost-share.sealed} and replaces {@code group.json}, each by writing a new file and
 * renaming it. The old share is not kept. A refused or timed-out refresh changes nothing.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true, description = "Take part in a share refresh of this cosigner's group.")
public final class CosignerRefreshCommand implements Callable<Integer> {
  private static final CeremonyParticipation REFRESH = new CeremonyParticipation("refresh", "refresh relay", "the old share is unchanged");

  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--group", paramLabel = "FILE",
      description = "The group file the share was sealed with (default: DIR/group.json); the refreshed one replaces DIR/group.json.")
  Path groupFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--kdf-profile", hidden = true, defaultValue = "calibrated",
      description = "Argon2 cost of the re-sealed share: calibrated (default) or test (fast, insecure; automated tests only).")
  String kdfProfile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    CosignerDirectory dir = CosignerDirectory.open(dataDir);
    byte[] own = dir.groupBytes();
    Path groupPath = groupFile == null ? dir.path().resolve(CosignerDirectory.GROUP) : groupFile;
    byte[] groupBytes = groupFile == null ? own : CosignerDirectory.readFile(groupFile, "group file");
    GroupFile group = CosignerDirectory.readGroup(groupPath, groupBytes);
    GroupMember me = CosignerDirectory.memberOf(dir.card(), group.plan(), groupPath, "group");
    Argon2Params params = KdfProfile.params(ctx, kdfProfile);
    try (SecretBytes pass = passphrase.resolve(ctx, false);
        IdentityKey identity = dir.identity(pass);
        CertifiedKey key = dir.share(pass, group, groupBytes)) {
      RefreshParticipantService participant = new RefreshParticipantService(group, key, identity, ctx.random(),
          (refreshed, next) -> persist(dir, refreshed, next, pass, params, ctx));
      GroupFile next = REFRESH.serve(participant, participant.outcome(), dir, group.plan(), me, "", timeoutSeconds, ctx);
      ctx.stdout().println("refresh complete: member " + me.index() + ", refresh " + next.refreshes().size() + " of the group, "
          + group.plan().threshold() + "-of-" + group.plan().members().size());
      ctx.stdout().println("group file: " + dir.path().resolve(CosignerDirectory.GROUP));
      ctx.stdout().println("output key: " + HexFormat.of().formatHex(next.outputKey()) + " (unchanged)");
      return 0;
    }
  }

  /**
   * Re-seals the refreshed share bound to the new group file, then replaces the share and the
   * group file, each atomically (new file, fsync, rename): the share first, so that an
   * interruption between the two leaves a refreshed share whose group file any other member holds
   * byte for byte, never an old share without its group file.
   */
  private static void persist(CosignerDirectory dir, CertifiedKey refreshed, GroupFile next, SecretBytes pass, Argon2Params params,
      CliContext ctx) throws DataDirectoryException {
    byte[] groupBytes = GroupFileCodec.encodeGroup(next);
    try (PassphraseSealer sealer = new PassphraseSealer(pass, params, ctx.random())) {
      byte[] sealed = SealedShare.seal(refreshed, next, groupBytes, sealer);
      dir.data().writeAtomically(CosignerDirectory.SHARE, sealed);
      dir.data().writeAtomically(CosignerDirectory.GROUP, groupBytes);
    }
  }
}
