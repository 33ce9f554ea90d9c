package dev.custos.cli.wallet;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.datadir.DataDirectory;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import fr.acinq.bitcoin.XonlyPublicKey;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.Sealer;
import dev.custos.core.seal.SealFormatException;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Custos keystore in a data directory: {@code seed.sealed} (the BIP32 seed, sealed) and
 * {@code wallet.json} (public account data). Files are 0600, the directory 0700.
 *
 * <p>The seed is sealed with associated data {@code custos/seed/v1/<network>}, so a sealed seed
 * copied into a keystore of another network does not unseal.
 */
public final class Keystore {
  public static final String SEED_FILE = "seed.sealed";
  public static final String WALLET_FILE = "wallet.json";

  private final DataDirectory dir;
  private final WalletFile wallet;

  private Keystore(DataDirectory dir, WalletFile wallet) {
    this.dir = dir;
    this.wallet = wallet;
  }

  public WalletFile wallet() {
    return wallet;
  }

  public Path path() {
    return dir.path();
  }

  /** The standard accounts (index 0 of BIP44, 49, 84, 86) of {@code master}. */
  public static List<Account> standardAccounts(ExtendedPrivateKey master, Network network) {
    List<Account> accounts = new ArrayList<>();
    for (AccountType type : AccountType.values()) {
      accounts.add(Account.derive(master, type, network, 0));
    }
    return accounts;
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
          standardAccounts(master, network), auditKey);
      SealedBlob blob = sealer.seal(seed, context(network));
      if (!dir.createExclusive(SEED_FILE, blob.encode())) {
        throw CliException.badInput(path + " already holds a sealed seed: refusing to overwrite it");
      }
      dir.writeAtomically(WALLET_FILE, wallet.toJson());
      return new Keystore(dir, wallet);
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write keystore in " + path + ": " + e.getMessage(), e);
    }
  }

  /** Opens an existing keystore; reads only public data. */
  public static Keystore open(Path path) throws CliException {
    try {
      DataDirectory dir = DataDirectory.open(path);
      if (!dir.exists(WALLET_FILE) || !dir.exists(SEED_FILE)) {
        throw CliException.badInput(path + " is not a Custos keystore (run 'custos init --data-dir " + path + "' first)");
      }
      return new Keystore(dir, WalletFile.parse(dir.read(WALLET_FILE)));
    } catch (IOException e) {
      throw CliException.badInput("cannot open data directory " + path + ": " + e.getMessage());
    }
  }

  /**
   * Unseals the seed and returns the master key (caller closes it). Refuses if {@code wallet.json}
   * does not match the sealed seed, since its xpubs decide which outputs count as change.
   */
  public ExtendedPrivateKey unlock(Sealer sealer) throws CliException {
    SealedBlob blob;
    try {
      blob = SealedBlob.decode(dir.read(SEED_FILE));
    } catch (SealFormatException e) {
      throw CliException.badInput(SEED_FILE + ": " + e.getMessage());
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + SEED_FILE + ": " + e.getMessage());
    }
    try (SecretBytes seed = sealer.unseal(blob, context(wallet.network()))) {
      ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
      boolean auditKeyMatches;
      try (AuditKey k = AuditKey.derive(master)) {
        auditKeyMatches = k.publicKey().equals(wallet.auditKey());
      }
      if (master.fingerprint() != wallet.masterFingerprint()
          || !standardAccounts(master, wallet.network()).equals(wallet.accounts()) || !auditKeyMatches) {
        master.close();
        throw CliException.badInput(WALLET_FILE + " does not match the sealed seed (tampered or mixed-up files): refusing to sign");
      }
      return master;
    } catch (WrongPassphraseException e) {
      throw CliException.badInput("wrong passphrase (or corrupted " + SEED_FILE + "): nothing was changed");
    } catch (UnsealException e) {
      throw CliException.badInput(SEED_FILE + ": " + e.getMessage());
    }
  }

  static byte[] context(Network network) {
    return ("custos/seed/v1/" + network.id()).getBytes(StandardCharsets.US_ASCII);
  }
}
