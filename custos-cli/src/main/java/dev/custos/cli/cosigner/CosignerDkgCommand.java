package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.rpc.DkgParticipantService;
import dev.custos.service.cosigner.CosignerCard;
import dev.custos.service.cosigner.GroupDescriptor;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupFileException;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupPlan;
import dev.custos.service.cosigner.SealedShare;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner dkg}: takes part in one DKG ceremony. Checks that the plan pins this
 * directory's identity key and TLS certificate, serves {@code custos.v1.CosignerDkg} on its plan
 * address (clients: the members' pinned certificates), and when all {@code n} certificates
 * verify, seals the share (bound to the group file) and writes {@code group.json}, then prints
 * the group's descriptors.
 */
@Command(name = "dkg", mixinStandardHelpOptions = true, description = "Take part in a DKG ceremony described by a plan file.")
public final class CosignerDkgCommand implements Callable<Integer> {
  private static final CeremonyParticipation DKG = new CeremonyParticipation("DKG", "relay", "nothing was kept");

  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The DKG plan (the same file for every member).")
  Path planFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--kdf-profile", hidden = true, defaultValue = "calibrated",
      description = "Argon2 cost of the sealed share: calibrated (default) or test (fast, insecure; automated tests only).")
  String kdfProfile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    CosignerDirectory dir = CosignerDirectory.open(dataDir);
    if (dir.data().exists(CosignerDirectory.SHARE) || dir.data().exists(CosignerDirectory.GROUP)) {
      throw CliException.badInput(dir.path() + " already holds a FROST share: one share per data directory");
    }
    GroupPlan plan;
    try {
      plan = GroupFileCodec.parsePlan(CosignerDirectory.readFile(planFile, "DKG plan"));
    } catch (GroupFileException e) {
      throw CliException.badInput(planFile + ": " + e.getMessage());
    }
    CosignerCard card = dir.card();
    if (plan.network() != card.network()) {
      throw CliException.badInput(planFile + ": network " + plan.network().id() + ", but this cosigner's is " + card.network().id());
    }
    GroupMember me = CosignerDirectory.memberOf(card, plan, planFile, "plan");
    Argon2Params params = KdfProfile.params(ctx, kdfProfile);
    try (SecretBytes pass = passphrase.resolve(ctx, false);
        IdentityKey identity = dir.identity(pass)) {
      DkgParticipantService participant = new DkgParticipantService(plan, me.identifier(), identity, ctx.random(),
          (key, group) -> persist(dir, key, group, pass, params, ctx));
      GroupFile group = DKG.serve(participant, participant.outcome(), dir, plan, me, "", timeoutSeconds, ctx);
      GroupDescriptor d = GroupDescriptor.of(group);
      ctx.stdout().println("DKG complete: member " + me.index() + ", " + plan.threshold() + "-of-" + plan.members().size());
      ctx.stdout().println("group file: " + dir.path().resolve(CosignerDirectory.GROUP));
      ctx.stdout().println("internal key: " + HexFormat.of().formatHex(group.internalKey()));
      ctx.stdout().println("output key:   " + HexFormat.of().formatHex(group.outputKey()));
      ctx.stdout().println("descriptor:   " + d.tr());
      ctx.stdout().println("address:      " + d.address());
      return 0;
    } catch (FrostException e) {
      throw CliException.badInput(planFile + ": " + e.getMessage());
    }
  }

  /** Writes the group file, then the share sealed under the same passphrase and Argon2 parameters as the identity. */
  private static void persist(CosignerDirectory dir, dev.custos.core.frost.CertifiedKey key, GroupFile group, SecretBytes pass,
      Argon2Params params, CliContext ctx) throws Exception {
    byte[] groupBytes = GroupFileCodec.encodeGroup(group);
    try (PassphraseSealer sealer = new PassphraseSealer(pass, params, ctx.random())) {
      byte[] sealed = SealedShare.seal(key, group, groupBytes, sealer);
      if (!dir.data().createExclusive(CosignerDirectory.GROUP, groupBytes)) {
        throw new IllegalStateException(CosignerDirectory.GROUP + " appeared during the ceremony");
      }
      if (!dir.data().createExclusive(CosignerDirectory.SHARE, sealed)) {
        throw new IllegalStateException(CosignerDirectory.SHARE + " appeared during the ceremony");
      }
    }
  }
}
