package dev.custos.cli.commands;

import dev.custos.cli.wallet.Keystores;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.macaroon.BakedMacaroon;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos macaroon bake} (lncli {@code bakemacaroon}): a new macaroon under a fresh root key
 * id, with the given permissions and caveats, written binary 0600 to {@code --out}. Unlocks the
 * seed (the root key is sealed under a key derived from it); the bake is audited.
 */
@Command(name = "bake", mixinStandardHelpOptions = true, description = "Bake a new macaroon under a fresh root key id.")
public final class MacaroonBakeCommand implements Callable<Integer> {
  @ParentCommand
  MacaroonCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Grant grant;

  @Mixin
  CaveatOptions caveats;

  @Option(names = "--label", paramLabel = "L", description = "A note stored with the root key id (shown by list-ids).")
  String label = "";

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the macaroon (binary, 0600).")
  Path out;

  /** Either explicit permissions or a preset. */
  public static final class Grant {
    @Option(names = "--permissions", paramLabel = "ENTITY:ACTION,...", description = "Comma-separated permissions, e.g. info:read,signer:generate.")
    String permissions;

    @Option(names = "--preset", paramLabel = "NAME", description = "admin, readonly or signer.")
    String preset;

    public Set<Permission> resolve() throws CliException {
      if (preset != null) {
        try {
          return MacaroonPreset.parse(preset).permissions();
        } catch (IllegalArgumentException e) {
          throw CliException.badInput(e.getMessage());
        }
      }
      Set<Permission> ops = new TreeSet<>();
      for (String p : permissions.split(",", -1)) {
        try {
          ops.add(Permission.parse(p.strip()));
        } catch (IllegalArgumentException e) {
          throw CliException.badInput("--permissions: " + e.getMessage());
        }
      }
      return ops;
    }
  }

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Set<Permission> ops = grant.resolve();
    List<Condition> conditions = caveats.conditions(ctx.clock().instant());
    try {
      MacaroonBakery.requireBakeable(ops, label);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    MacaroonFiles.requireWritableTarget(out);
    BakedMacaroon baked;
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      String principal = node.config().principal();
      try (SecretBytes pass = passphrase.resolve(ctx, false);
          PassphraseSealer sealer = PassphraseSealer.forUnsealing(pass);
          ExtendedPrivateKey master = Keystores.unlock(node.keystore(), sealer);
          RootKeyVault vault = RootKeyVault.derive(master)) {
        node.store().write(tx -> AuditTrail.append(tx, ctx.clock().instant(), AuditType.KEY_UNLOCK.wireName(),
            Map.of("sealer", sealer.kind(), "credential", principal)));
        baked = new MacaroonBakery(node.store(), vault, ctx.clock(), ctx.random()).bake(ops, conditions, label, principal);
      } catch (IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure, no macaroon baked: " + e.getMessage(), e);
    }
    MacaroonFiles.write(out, baked.macaroon());
    ctx.stdout().println("baked macaroon " + out + " with root key id " + baked.rootKeyId()
        + " (revoke with: custos macaroon delete-id --id " + baked.rootKeyId() + ")");
    return 0;
  }
}
