package dev.custos.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Mnemonic;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.TestWallets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a keystore as {@code custos init} does (wallet.json format custos-wallet/1, seed sealed
 * with associated data custos/seed/v1/regtest), from the BIP84 test mnemonic, with the fast test
 * Argon2 parameters.
 */
final class TestKeystore {
  static final String PASSPHRASE = "correct horse battery staple";

  /** The BIP84 account of the keystore (index 2 of the standard accounts). */
  final Account wpkh;
  final int fingerprint;

  private TestKeystore(Account wpkh, int fingerprint) {
    this.wpkh = wpkh;
    this.fingerprint = fingerprint;
  }

  static TestKeystore create(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Network network = Network.REGTEST;
    List<Account> accounts = new ArrayList<>();
    try (SecretBytes words = SecretBytes.copyOf(TestWallets.ABANDON.getBytes(StandardCharsets.UTF_8));
        Mnemonic m = Mnemonic.parse(words);
        SecretBytes empty = SecretBytes.copyOf(new byte[0]);
        SecretBytes seed = m.toSeed(empty);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
        AuditKey audit = AuditKey.derive(master);
        SecretBytes pass = SecretBytes.copyOf(PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        PassphraseSealer sealer = new PassphraseSealer(pass, Argon2Params.TEST, new SecureRandom())) {
      for (AccountType t : AccountType.values()) {
        accounts.add(Account.derive(master, t, network, 0));
      }
      Files.write(dir.resolve("seed.sealed"), sealer.seal(seed, "custos/seed/v1/regtest".getBytes(StandardCharsets.US_ASCII)).encode());
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode();
      root.put("format", "custos-wallet/1");
      root.put("network", network.id());
      root.put("masterFingerprint", HexFormat.of().toHexDigits(master.fingerprint()));
      root.put("sealer", "passphrase");
      root.put("bip39Passphrase", false);
      root.put("createdAt", "2026-11-23T12:00:00Z");
      root.put("auditKey", audit.publicKey().value.toHex());
      ArrayNode arr = root.putArray("accounts");
      for (Account a : accounts) {
        arr.addObject().put("type", a.type().name()).put("path", a.accountPath().toString()).put("xpub", a.xpub().encode(network));
      }
      Files.write(dir.resolve("wallet.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      return new TestKeystore(accounts.get(AccountType.BIP84.ordinal()), master.fingerprint());
    }
  }

  static SecretBytes passphrase() {
    return SecretBytes.copyOf(PASSPHRASE.getBytes(StandardCharsets.UTF_8));
  }
}
