package dev.custos.service.keystore;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.SealFormatException;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.Sealer;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keystore that {@code custos init} writes into a data directory (mode {@code 0700}): {@code
 * seed.sealed}, the BIP32 seed sealed with associated data {@code custos/seed/v1/<network>} (so a
 * sealed seed copied into a keystore of another network does not unseal), and {@code wallet.json}
 * ({@link WalletFile}). Read-only: the CLI's {@code init} creates the files; the CLI and the
 * server both read them through this class.
 */
public final class Keystore {
  public static final String SEED_FILE = "seed.sealed";
  public static final String WALLET_FILE = "wallet.json";
  private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path dir;
  private final WalletFile wallet;

  private Keystore(Path dir, WalletFile wallet) {
    this.dir = dir;
    this.wallet = wallet;
  }

  /**
   * Opens the keystore in {@code dataDir}; reads only public data.
   *
   * @throws KeystoreException when the directory is missing, wider than {@code rwx------}, holds
   *     no keystore, or {@code wallet.json} does not parse
   */
  public static Keystore open(Path dataDir) throws KeystoreException {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new KeystoreException("data directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new KeystoreException(dir + " is not a directory");
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
      if (!DIRECTORY_MODE.containsAll(mode)) {
        throw new KeystoreException("data directory " + dir + " has mode " + PosixFilePermissions.toString(mode)
            + ", wider than rwx------; run: chmod 700 " + dir);
      }
      if (!Files.isRegularFile(dir.resolve(WALLET_FILE)) || !Files.isRegularFile(dir.resolve(SEED_FILE))) {
        throw new KeystoreException(dir + " is not a Custos keystore (run 'custos init --data-dir " + dir + "' first)");
      }
      return new Keystore(dir, WalletFile.parse(Files.readAllBytes(dir.resolve(WALLET_FILE))));
    } catch (UnsupportedOperationException e) {
      throw new KeystoreException("the file system of " + dir + " has no POSIX permissions");
    } catch (IOException e) {
      throw new KeystoreException("cannot read keystore in " + dir + ": " + e.getClass().getSimpleName());
    }
  }

  /** The data directory (absolute). */
  public Path path() {
    return dir;
  }

  public WalletFile wallet() {
    return wallet;
  }

  /**
   * Unseals the seed and returns the master key (the caller closes it). Refuses when {@code
   * wallet.json} does not match the seed, since its xpubs decide which outputs count as change.
   *
   * @throws WrongPassphraseException when the sealer's passphrase does not open the seed
   * @throws KeystoreException when the files are unreadable, malformed or do not match
   */
  public ExtendedPrivateKey unlock(Sealer sealer) throws KeystoreException, WrongPassphraseException {
    SealedBlob blob;
    try {
      blob = SealedBlob.decode(Files.readAllBytes(dir.resolve(SEED_FILE)));
    } catch (SealFormatException e) {
      throw new KeystoreException(SEED_FILE + ": " + e.getMessage());
    } catch (IOException e) {
      throw new KeystoreException("cannot read " + SEED_FILE + ": " + e.getClass().getSimpleName());
    }
    try (SecretBytes seed = sealer.unseal(blob, seedContext(wallet.network()))) {
      ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
      if (!matches(master)) {
        master.close();
        throw new KeystoreException(WALLET_FILE + " does not match the sealed seed (tampered or mixed-up files): refusing to use it");
      }
      return master;
    } catch (WrongPassphraseException e) {
      throw e;
    } catch (UnsealException e) {
      throw new KeystoreException(SEED_FILE + ": " + e.getMessage());
    }
  }

  /** The standard accounts (index 0 of BIP44, 49, 84, 86) of {@code master}. */
  public static List<Account> standardAccounts(ExtendedPrivateKey master, Network network) {
    List<Account> accounts = new ArrayList<>();
    for (AccountType type : AccountType.values()) {
      accounts.add(Account.derive(master, type, network, 0));
    }
    return accounts;
  }

  /** The associated data the seed is sealed with: {@code custos/seed/v1/<network>}. */
  public static byte[] seedContext(Network network) {
    return ("custos/seed/v1/" + network.id()).getBytes(StandardCharsets.US_ASCII);
  }

  private boolean matches(ExtendedPrivateKey master) {
    try (AuditKey k = AuditKey.derive(master)) {
      return master.fingerprint() == wallet.masterFingerprint() && standardAccounts(master, wallet.network()).equals(wallet.accounts())
          && k.publicKey().equals(wallet.auditKey());
    }
  }
}
