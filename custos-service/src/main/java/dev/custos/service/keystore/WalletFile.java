package dev.custos.service.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPublicKey;
import dev.custos.core.keys.InvalidExtendedKeyException;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.service.signing.WalletContext;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code wallet.json} (format {@code custos-wallet/1}): the public part of a keystore, readable
 * without the passphrase (network, master fingerprint, account xpubs, audit key, sealing
 * backend). Holds no secret.
 *
 * <p>It lives on untrusted storage: {@link Keystore#unlock} re-derives the accounts and the audit
 * key from the sealed seed and refuses a file that disagrees.
 */
public record WalletFile(Network network, int masterFingerprint, String sealer, boolean bip39Passphrase,
    Instant createdAt, List<Account> accounts, XonlyPublicKey auditKey) {
  public static final String FORMAT = "custos-wallet/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public WalletFile {
    accounts = List.copyOf(accounts);
  }

  /** The wallet a signing request is for. */
  public WalletContext context() {
    return new WalletContext(network, new WalletView(masterFingerprint, accounts));
  }

  /** The file's bytes: pretty-printed JSON with a final newline. */
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

  /** Parses {@code wallet.json}; every problem is a {@link KeystoreException} naming the field. */
  public static WalletFile parse(byte[] json) throws KeystoreException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new KeystoreException("wallet.json is not valid JSON");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new KeystoreException("wallet.json: format is not " + FORMAT);
    }
    try {
      Network network = Network.parse(text(root, "network"));
      String fpHex = text(root, "masterFingerprint");
      if (!fpHex.matches("[0-9a-f]{8}")) {
        throw new KeystoreException("wallet.json: masterFingerprint must be 8 lower-case hex digits");
      }
      int fp = HexFormat.fromHexDigits(fpHex);
      List<Account> accounts = new ArrayList<>();
      for (JsonNode n : root.path("accounts")) {
        accounts.add(new Account(AccountType.valueOf(text(n, "type")), network, fp, KeyPath.parse(text(n, "path")),
            ExtendedPublicKey.parse(text(n, "xpub"), network)));
      }
      if (accounts.isEmpty()) {
        throw new KeystoreException("wallet.json: no accounts");
      }
      String auditHex = text(root, "auditKey");
      if (!auditHex.matches("[0-9a-f]{64}")) {
        throw new KeystoreException("wallet.json: auditKey must be 64 lower-case hex digits");
      }
      XonlyPublicKey auditKey = new XonlyPublicKey(new ByteVector32(auditHex));
      if (!auditKey.getPublicKey().isValid()) {
        throw new KeystoreException("wallet.json: auditKey is not a valid x-only public key");
      }
      return new WalletFile(network, fp, text(root, "sealer"), root.path("bip39Passphrase").asBoolean(false),
          Instant.parse(text(root, "createdAt")), accounts, auditKey);
    } catch (IllegalArgumentException | DateTimeParseException | InvalidExtendedKeyException e) {
      throw new KeystoreException("wallet.json: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) throws KeystoreException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new KeystoreException("wallet.json: field '" + field + "' missing or not a string");
    }
    return v.asText();
  }
}
