package dev.custos.cli.wallet;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.datadir.DataDirectory;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.Sealer;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.keystore.Keystore;
import dev.custos.service.keystore.KeystoreException;
import dev.custos.service.keystore.WalletFile;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The keystore ({@link Keystore}, shared with the server) as the command line uses it: {@code
 * init} creates it in a {@link DataDirectory} (files 0600, directory 0700), and every failure to
 * open or unlock it becomes a {@link CliException} with exit code 2 and a one-line message.
 */
public final class Keystores {
  private Keystores() {}

  /** Opens an existing keystore; reads only public data. */
  public static Keystore open(Path path) throws CliException {
    try {
      return Keystore.open(path);
    } catch (KeystoreException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /** Unseals the seed (see {@link Keystore#unlock}); the caller closes the master key. */
  public static ExtendedPrivateKey unlock(Keystore keystore, Sealer sealer) throws CliException {
    try {
      return keystore.unlock(sealer);
    } catch (WrongPassphraseException e) {
      throw CliException.badInput("wrong passphrase (or corrupted " + Keystore.SEED_FILE + "): nothing was changed");
    } catch (KeystoreException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /**
   * Creates a keystore for {@code seed}. Refuses to touch a directory that already holds a keystore
   * or anything else. Writes the sealed seed first and {@code wallet.json} last, so a crash leaves
   * either nothing usable or a complete keystore.
   */
  public static Keystore create(Path path, Network network, SecretBytes seed, boolean bip39Passphrase, Sealer sealer, Instant now)
      throws CliException {
    try (ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed)) {
      DataDirectory dir = DataDirectory.create(path);
      XonlyPublicKey auditKey;
      try (AuditKey k = AuditKey.derive(master)) {
        auditKey = k.publicKey();
      }
      WalletFile wallet = new WalletFile(network, master.fingerprint(), sealer.kind(), bip39Passphrase, now,
          Keystore.standardAccounts(master, network), auditKey);
      SealedBlob blob = sealer.seal(seed, Keystore.seedContext(network));
      if (!dir.createExclusive(Keystore.SEED_FILE, blob.encode())) {
        throw CliException.badInput(path + " already holds a sealed seed: refusing to overwrite it");
      }
      dir.writeAtomically(Keystore.WALLET_FILE, wallet.toJson());
      return open(dir.path());
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write keystore in " + path + ": " + e.getMessage(), e);
    }
  }
}
