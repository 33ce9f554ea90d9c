package dev.custos.cli.cosigner;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.datadir.DataDirectory;
import dev.custos.cli.datadir.DataDirectoryException;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.seal.UnsealException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.service.cosigner.CosignerCard;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupFileException;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupPlan;
import dev.custos.service.cosigner.SealedIdentity;
import dev.custos.service.cosigner.SealedShare;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cosigner data directory (docs/frost.md, "Cosigner data directory"): mode 0700, files 0600.
 * {@code cosigner.card} (public), {@code identity.sealed}, {@code tls.cert}/{@code tls.key},
 * {@code custos.db} (policy, decisions, nonces, audit), and after the DKG {@code group.json}
 * (public) and {@code frost-share.sealed}.
 */
final class CosignerDirectory {
  static final String CARD = "cosigner.card";
  static final String IDENTITY = "identity.sealed";
  static final String GROUP = "group.json";
  static final String SHARE = "frost-share.sealed";
  static final String STORE = "custos.db";

  private final DataDirectory dir;

  private CosignerDirectory(DataDirectory dir) {
    this.dir = dir;
  }

  static CosignerDirectory open(Path path) throws CliException {
    try {
      DataDirectory d = DataDirectory.open(path);
      if (!d.exists(CARD) || !d.exists(IDENTITY)) {
        throw CliException.badInput(d.path() + " is not a cosigner data directory (run 'custos cosigner init' first)");
      }
      return new CosignerDirectory(d);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  static CosignerDirectory create(Path path) throws CliException {
    try {
      DataDirectory d = DataDirectory.create(path);
      if (d.exists(IDENTITY)) {
        throw CliException.badInput(d.path() + " already holds a cosigner identity: refusing to overwrite it");
      }
      return new CosignerDirectory(d);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  DataDirectory data() {
    return dir;
  }

  Path path() {
    return dir.path();
  }

  CosignerCard card() throws CliException {
    try {
      return GroupFileCodec.parseCard(dir.read(CARD));
    } catch (DataDirectoryException | GroupFileException e) {
      throw CliException.badInput(CARD + ": " + e.getMessage());
    }
  }

  /**
   * The cosigner of {@code card} as a member of {@code plan}: the one with its identity key, which
   * must pin its TLS certificate. Failures name {@code source} (the plan or group file) and
   * {@code document}.
   */
  static GroupMember memberOf(CosignerCard card, GroupPlan plan, Path source, String document) throws CliException {
    GroupMember me = plan.memberWithIdentity(card.identityKey()).orElseThrow(() ->
        CliException.badInput(source + ": this cosigner's identity key is not a member of the " + document));
    if (!me.tlsSha256().equals(card.tlsSha256())) {
      throw CliException.badInput(source + ": member " + me.index() + " pins TLS " + me.tlsSha256() + ", not this cosigner's " + card.tlsSha256());
    }
    return me;
  }

  TlsIdentity tls() throws CliException {
    return tlsOf(dir.path());
  }

  /** The TLS pair in {@code dir} (a cosigner data directory), which must already exist. */
  static TlsIdentity tlsOf(Path dir) throws CliException {
    Path cert = dir.resolve(SelfSignedTls.CERT_FILE);
    Path key = dir.resolve(SelfSignedTls.KEY_FILE);
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
      throw CliException.badInput("no TLS identity (" + SelfSignedTls.CERT_FILE + " and " + SelfSignedTls.KEY_FILE + ") in " + dir);
    }
    return new TlsIdentity(cert, key);
  }

  IdentityKey identity(SecretBytes passphrase) throws CliException {
    try (PassphraseSealer sealer = PassphraseSealer.forUnsealing(passphrase)) {
      return SealedIdentity.open(dir.read(IDENTITY), sealer);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    } catch (UnsealException e) {
      throw CliException.badInput(IDENTITY + ": " + e.getMessage());
    }
  }

  byte[] groupBytes() throws CliException {
    if (!dir.exists(GROUP) || !dir.exists(SHARE)) {
      throw CliException.badInput(dir.path() + " holds no FROST share yet (run 'custos cosigner dkg' first)");
    }
    try {
      return dir.read(GROUP);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /** The sealed share, opened with the group file it was sealed with. */
  CertifiedKey share(SecretBytes passphrase, GroupFile group, byte[] groupBytes) throws CliException {
    try (PassphraseSealer sealer = PassphraseSealer.forUnsealing(passphrase)) {
      return SealedShare.open(dir.read(SHARE), sealer, group, groupBytes);
    } catch (DataDirectoryException e) {
      throw CliException.badInput(e.getMessage());
    } catch (UnsealException e) {
      throw CliException.badInput(SHARE + ": " + e.getMessage());
    } catch (GroupFileException e) {
      throw CliException.badInput(dir.path().resolve(GROUP) + ": " + e.getMessage());
    }
  }

  Store store() throws CliException {
    try {
      return StoreFactory.open("jdbc:sqlite:" + dir.path().resolve(STORE));
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot open the cosigner store: " + e.getMessage(), e);
    }
  }

  /** Reads and verifies a group file anywhere on disk. */
  static GroupFile readGroup(Path file, byte[] bytes) throws CliException {
    try {
      return GroupFileCodec.parseGroup(bytes);
    } catch (GroupFileException e) {
      throw CliException.badInput(file + ": " + e.getMessage());
    }
  }

  static byte[] readFile(Path file, String what) throws CliException {
    try {
      if (!Files.isRegularFile(file)) {
        throw CliException.badInput("no such " + what + ": " + file);
      }
      if (Files.size(file) > 1024 * 1024) {
        throw CliException.badInput(file + ": a " + what + " is at most 1 MiB");
      }
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw CliException.badInput("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
