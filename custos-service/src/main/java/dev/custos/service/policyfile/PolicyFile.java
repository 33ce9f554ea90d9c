package dev.custos.service.policyfile;

import dev.custos.core.keys.Network;
import dev.custos.core.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A policy document (YAML, schema version 1, documented in docs/policy.md) read into the core
 * {@link Policy}, with the text it came from and the SHA-256 of that text (UTF-8), so the audit
 * log can name exactly which document decided.
 *
 * <p>Reading is strict: unknown or duplicate keys, wrong types, anchors, aliases, merge keys,
 * explicit tags, more than one document, documents over 1 MiB, amounts without a unit, unknown
 * tags and script types, and addresses or extended keys of another network are all refused with
 * a {@link PolicyFileException} naming the line and field.
 *
 * @param sha256Hex lower-case hex SHA-256 of {@code text} encoded as UTF-8
 */
public record PolicyFile(Policy policy, String text, String sha256Hex) {
  public PolicyFile {
    if (policy == null || text == null || sha256Hex == null) {
      throw new IllegalArgumentException("policy file needs a policy, its text and its hash");
    }
  }

  /**
   * Reads a policy document for {@code network}: every address and extended key in it must belong
   * to that network, and ranged descriptors are expanded to the scripts they pay.
   *
   * @param sourceName how errors name the document, usually its file name
   * @throws PolicyFileException for anything the schema does not accept; nothing else escapes
   */
  public static PolicyFile parse(String yamlText, String sourceName, Network network) throws PolicyFileException {
    if (yamlText == null || sourceName == null || network == null) {
      throw new IllegalArgumentException("policy text, source name and network are required");
    }
    YamlField root = YamlField.root(SafeYaml.load(yamlText, sourceName), sourceName);
    Policy policy = PolicySchemaV1.read(root, network);
    return new PolicyFile(policy, yamlText, sha256Hex(yamlText));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** Short form: the document hash, not its text. */
  @Override
  public String toString() {
    return "PolicyFile[sha256=" + sha256Hex + "]";
  }
}
