package dev.custos.server.keystore;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.seal.SealFormatException;
import dev.custos.core.seal.SealedBlob;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the keystore that {@code custos init} wrote into a data directory: {@code wallet.json}
 * (public) and {@code seed.sealed} (the BIP32 seed, sealed with associated data {@code
 * custos/seed/v1/<network>}). Read-only: the server never writes either file.
 *
 * <p>The same format as the CLI's {@code dev.custos.cli.wallet.Keystore}, which the server cannot
 * depend on; both should move to custos-service (docs/server.md, "Known gaps").
 */
public final class ServerKeystore {
  public static final String SEED_FILE = "seed.sealed";
  public static final String WALLET_FILE = "wallet.json";
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.complementOf(EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

  private final Path dir;
  private final WalletRecord wallet;

  private ServerKeystore(Path dir, WalletRecord wallet) {
    this.dir = dir;
    this.wallet = wallet;
  }

  /**
   * Opens the keystore in {@code dataDir}; reads only public data.
   *
   * @throws KeystoreException when the directory is missing, open to group or others, or holds no
   *     keystore
   */
  public static ServerKeystore open(Path dataDir) throws KeystoreException {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new KeystoreException("data directory " + dir + " does not exist");
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
      if (mode.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        throw new KeystoreException("data directory " + dir + " is accessible to group or others; run: chmod 700 " + dir);
      }
      if (!Files.isRegularFile(dir.resolve(WALLET_FILE)) || !Files.isRegularFile(dir.resolve(SEED_FILE))) {
        throw new KeystoreException(dir + " is not a Custos keystore (run 'custos init --data-dir " + dir + "' first)");
      }
      return new ServerKeystore(dir, WalletRecord.parse(Files.readAllBytes(dir.resolve(WALLET_FILE))));
    } catch (IOException e) {
      throw new KeystoreException("cannot read keystore in " + dir + ": " + e.getClass().getSimpleName());
    }
  }

  public Path dataDir() {
    return dir;
  }

  public WalletRecord wallet() {
    return wallet;
  }

  /**
   * Unseals the seed with {@code passphrase} (not consumed) and returns the master key (the caller
   * closes it). Refuses when {@code wallet.json} does not match the seed, since its xpubs decide
   * which outputs count as change.
   */
  public ExtendedPrivateKey unlock(SecretBytes passphrase) throws KeystoreException {
    if (passphrase.length() == 0) {
      throw new KeystoreException("the passphrase is empty");
    }
    SealedBlob blob;
    try {
      blob = SealedBlob.decode(Files.readAllBytes(dir.resolve(SEED_FILE)));
    } catch (SealFormatException e) {
      throw new KeystoreException(SEED_FILE + ": " + e.getMessage());
    } catch (IOException e) {
      throw new KeystoreException("cannot read " + SEED_FILE + ": " + e.getClass().getSimpleName());
    }
    byte[] context = ("custos/seed/v1/" + wallet.network().id()).getBytes(StandardCharsets.US_ASCII);
    try (PassphraseSealer sealer = PassphraseSealer.forUnsealing(passphrase);
        SecretBytes seed = sealer.unseal(blob, context)) {
      ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
      if (!matches(master)) {
        master.close();
        throw new KeystoreException(WALLET_FILE + " does not match the sealed seed (tampered or mixed-up files): refusing to start");
      }
      return master;
    } catch (WrongPassphraseException e) {
      throw new KeystoreException("wrong passphrase (or corrupted " + SEED_FILE + ")");
    } catch (UnsealException e) {
      throw new KeystoreException(SEED_FILE + ": " + e.getMessage());
    }
  }

  private boolean matches(ExtendedPrivateKey master) {
    List<Account> derived = new ArrayList<>();
    for (AccountType type : AccountType.values()) {
      derived.add(Account.derive(master, type, wallet.network(), 0));
    }
    try (AuditKey k = AuditKey.derive(master)) {
      return master.fingerprint() == wallet.masterFingerprint() && derived.equals(wallet.accounts())
          && k.publicKey().equals(wallet.auditKey());
    }
  }
}
