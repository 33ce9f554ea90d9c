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
import dev.custos.server.rpc.RepairHelperService;
import dev.custos.server.rpc.RepairLostService;
import dev.custos.service.cosigner.GroupFile;
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
 * {@code custos cosigner repair}: takes part in the repair of one member's lost share, serving
 * {@code custos.v1.CosignerRepair} on its group address (clients: the members' pinned
 * certificates). As a helper (default) it unseals its share with {@code DIR/group.json}, sends its
 * encrypted deltas and sigma, and writes nothing. With {@code --lost} (the member whose
 * {@code frost-share.sealed} is gone but whose identity key and {@code group.json} remain) it
 * sums the helpers' sigmas, accepts the result only if it is its verifying share in its group
 * file, and seals it as a new {@code frost-share.sealed} bound to that file. A refused or
 * timed-out repair writes nothing.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Help repair a member's lost share, or (--lost) receive this cosigner's repaired share.")
public final class CosignerRepairCommand implements Callable<Integer> {
  private static final CeremonyParticipation REPAIR = new CeremonyParticipation("repair", "repair relay", "nothing was written");

  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--lost", description = "This cosigner lost its share (frost-share.sealed); receive the repaired one.")
  boolean lost;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--kdf-profile", hidden = true, defaultValue = "calibrated",
      description = "Argon2 cost of the repaired share: calibrated (default) or test (fast, insecure; automated tests only).")
  String kdfProfile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    CosignerDirectory dir = CosignerDirectory.open(dataDir);
    Path groupPath = dir.path().resolve(CosignerDirectory.GROUP);
    if (lost && dir.data().exists(CosignerDirectory.SHARE)) {
      throw CliException.badInput(dir.path().resolve(CosignerDirectory.SHARE) + " exists: this cosigner has a share; refusing to replace it");
    }
    byte[] groupBytes = lost ? CosignerDirectory.readFile(groupPath, "group file") : dir.groupBytes();
    GroupFile group = CosignerDirectory.readGroup(groupPath, groupBytes);
    GroupMember me = CosignerDirectory.memberOf(dir.card(), group.plan(), groupPath, "group");
    Argon2Params params = KdfProfile.params(ctx, kdfProfile);
    try (SecretBytes pass = passphrase.resolve(ctx, false); IdentityKey identity = dir.identity(pass)) {
      if (lost) {
        RepairLostService service = new RepairLostService(group, me.identifier(), identity,
            repaired -> persist(dir, repaired, group, groupBytes, pass, params, ctx));
        REPAIR.serve(service, service.outcome(), dir, group.plan(), me, " (lost share)", timeoutSeconds, ctx);
        ctx.stdout().println("repair complete: member " + me.index() + "'s share is repaired and sealed in "
            + dir.path().resolve(CosignerDirectory.SHARE));
      } else {
        try (CertifiedKey key = dir.share(pass, group, groupBytes)) {
          RepairHelperService service = new RepairHelperService(group, key, identity, ctx.random());
          RepairHelperService.RepairSessionDone done = REPAIR.serve(service, service.outcome(), dir, group.plan(), me, " (helper)",
              timeoutSeconds, ctx);
          ctx.stdout().println("repair helped: member " + me.index() + " sent its sigma for member " + done.lostMember()
              + "; this share is unchanged");
        }
      }
      ctx.stdout().println("output key: " + HexFormat.of().formatHex(group.outputKey()) + " (unchanged)");
      return 0;
    }
  }

  /** Seals the repaired share bound to the unchanged group file; written as a new file (0600, fsync, rename). */
  private static void persist(CosignerDirectory dir, CertifiedKey repaired, GroupFile group, byte[] groupBytes, SecretBytes pass,
      Argon2Params params, CliContext ctx) throws DataDirectoryException {
    try (PassphraseSealer sealer = new PassphraseSealer(pass, params, ctx.random())) {
      dir.data().writeAtomically(CosignerDirectory.SHARE, SealedShare.seal(repaired, group, groupBytes, sealer));
    }
  }
}
