package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.cli.datadir.DataDirectoryException;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.tls.PinnedCertificates;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.server.tls.TlsException;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.CosignerCard;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.SealedIdentity;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner init}: creates a cosigner data directory (0700) with a fresh identity
 * key sealed like a seed, a self-signed TLS pair, an empty store, and the public
 * {@code cosigner.card} to put into a DKG plan.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a cosigner data directory: sealed identity key, TLS pair, card.")
public final class CosignerInitCommand implements Callable<Integer> {
  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Directory to create (0700).")
  Path dataDir;

  @Option(names = "--network", required = true, paramLabel = "NET", description = "mainnet, testnet, signet or regtest.")
  String network;

  @Option(names = "--tlsextradomain", paramLabel = "NAME", description = "Extra DNS name or IP for the TLS certificate (repeatable).")
  List<String> extraNames = List.of();

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--kdf-profile", hidden = true, defaultValue = "calibrated",
      description = "calibrated (default, ~0.5 s) or test (fast, insecure; for automated tests only).")
  String kdfProfile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Network net;
    try {
      net = Network.parse(network);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Argon2Params params = KdfProfile.params(ctx, kdfProfile);
    try (SecretBytes pass = passphrase.resolve(ctx, true)) {
      CosignerDirectory dir = CosignerDirectory.create(dataDir);
      TlsIdentity tls = SelfSignedTls.ensure(dir.path(), extraNames, ctx.clock(), ctx.random());
      String pin = PinnedCertificates.fingerprint(tls.certificate());
      try (IdentityKey identity = IdentityKey.random(ctx.random());
          PassphraseSealer sealer = new PassphraseSealer(pass, params, ctx.random())) {
        CosignerCard card = new CosignerCard(net, identity.publicKey(), pin);
        try (Store store = dir.store()) {
          store.read(tx -> null);
        }
        dir.data().writeAtomically(CosignerDirectory.CARD, GroupFileCodec.encodeCard(card));
        if (!dir.data().createExclusive(CosignerDirectory.IDENTITY, SealedIdentity.seal(identity, sealer))) {
          throw CliException.badInput(dir.path() + " already holds a cosigner identity: refusing to overwrite it");
        }
        ctx.stdout().println("Cosigner data directory created in " + dir.path() + " (network " + net.id() + ")");
        ctx.stdout().println("Card (put it into the DKG plan): " + dir.path().resolve(CosignerDirectory.CARD));
        ctx.stdout().println("  identity key " + java.util.HexFormat.of().formatHex(card.identityKey().encode()));
        ctx.stdout().println("  TLS sha256   " + pin);
        return 0;
      }
    } catch (FrostException | TlsException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot create the cosigner identity: " + e.getMessage(), e);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot create the cosigner store: " + e.getMessage(), e);
    }
  }
}
