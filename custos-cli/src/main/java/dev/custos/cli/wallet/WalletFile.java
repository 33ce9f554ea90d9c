package dev.custos.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliException;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPublicKey;
import dev.custos.core.keys.InvalidExtendedKeyException;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code wallet.json}: the public part of a keystore, readable without the passphrase (network,
 * master fingerprint, account xpubs, sealing backend). Holds no secret.
 *
 * <p>It lives on untrusted storage: commands that unseal the seed re-derive the accounts and refuse
 * to continue if this file disagrees (see {@link Keystore#unlock}).
 */
public record WalletFile(Network network, int masterFingerprint, String sealer, boolean bip39Passphrase,
    Instant createdAt, List<Account> accounts, XonlyPublicKey auditKey) {
  public static final String FORMAT = "custos-wallet/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public WalletFile {
    accounts = List.copyOf(accounts);
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("network", network.id());
    root.put("masterFingerprint", HexFormat.of().toHexDigits(masterFingerprint));
    root.put("sealer", sealer);
    root.put("bip39Passphrase", bip39Passphrase);
    root.put("createdAt", createdAt.toString());
    root.put("auditKey", auditKey.value.toHex());
    ArrayNode arr = root.putArray("accounts");
    for (Account a : accounts) {
      ObjectNode n = arr.addObject();
      n.put("type", a.type().name());
      n.put("path", a.accountPath().toString());
      n.put("xpub", a.xpub().encode(network));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).concat("\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode wallet.json", e);
    }
  }

  /** Parses {@code wallet.json}; every problem is a {@link CliException} naming the field. */
  public static WalletFile parse(byte[] json) throws CliException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw CliException.badInput("wallet.json is not valid JSON");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw CliException.badInput("wallet.json: format is not " + FORMAT);
    }
    try {
      Network network = Network.parse(text(root, "network"));
      int fp = HexFormat.fromHexDigits(hex8(text(root, "masterFingerprint")));
      List<Account> accounts = new ArrayList<>();
      for (JsonNode n : root.path("accounts")) {
        AccountType type = AccountType.valueOf(text(n, "type"));
        KeyPath path = KeyPath.parse(text(n, "path"));
        ExtendedPublicKey xpub = ExtendedPublicKey.parse(text(n, "xpub"), network);
        accounts.add(new Account(type, network, fp, path, xpub));
      }
      if (accounts.isEmpty()) {
        throw CliException.badInput("wallet.json: no accounts");
      }
      String auditHex = text(root, "auditKey");
      if (!auditHex.matches("[0-9a-f]{64}")) {
        throw CliException.badInput("wallet.json: auditKey must be 64 lower-case hex digits");
      }
      XonlyPublicKey auditKey = new XonlyPublicKey(new ByteVector32(auditHex));
      if (!auditKey.getPublicKey().isValid()) {
        throw CliException.badInput("wallet.json: auditKey is not a valid x-only public key");
      }
      return new WalletFile(network, fp, text(root, "sealer"), root.path("bip39Passphrase").asBoolean(false),
          Instant.parse(text(root, "createdAt")), accounts, auditKey);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException | InvalidExtendedKeyException e) {
      throw CliException.badInput("wallet.json: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) throws CliException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw CliException.badInput("wallet.json: field '" + field + "' missing or not a string");
    }
    return v.asText();
  }

  private static String hex8(String s) {
    if (!s.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("masterFingerprint must be 8 lower-case hex digits");
    }
    return s;
  }
}
