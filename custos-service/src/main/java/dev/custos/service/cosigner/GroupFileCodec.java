package dev.custos.service.cosigner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityPublicKey;
import dev.custos.core.frost.ProofOfKnowledge;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.keys.Network;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON forms of {@link CosignerCard} ({@code custos-frost-card}), {@link GroupPlan}
 * ({@code custos-frost-plan}) and {@link GroupFile} ({@code custos-frost-group}), version 1, all
 * binary values lowercase hex. Parsing is strict (every field required, no unknown field, at most
 * 1 MiB) and a group file is {@link GroupFile#verify verified}, including the {@code internalKey}
 * and {@code outputKey} it states for humans. Errors name the field or member; nothing here
 * throws anything but {@link GroupFileException} on bad input.
 */
public final class GroupFileCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_BYTES = 1024 * 1024;

  private GroupFileCodec() {}

  public static byte[] encodeCard(CosignerCard card) {
    ObjectNode root = header("custos-frost-card", card.network());
    root.put("identityKey", HEX.formatHex(card.identityKey().encode()));
    root.put("tlsSha256", card.tlsSha256());
    return write(root);
  }

  public static CosignerCard parseCard(byte[] bytes) throws GroupFileException {
    JsonNode root = read(bytes, "custos-frost-card", Set.of("kind", "version", "network", "identityKey", "tlsSha256"));
    try {
      return new CosignerCard(network(root), identity(root, "identityKey"), text(root, "tlsSha256"));
    } catch (IllegalArgumentException e) {
      throw new GroupFileException("cosigner card: " + e.getMessage());
    }
  }

  public static byte[] encodePlan(GroupPlan plan) {
    return write(planNode(plan, "custos-frost-plan", null));
  }

  public static GroupPlan parsePlan(byte[] bytes) throws GroupFileException {
    JsonNode root = read(bytes, "custos-frost-plan", Set.of("kind", "version", "network", "ceremonyId", "threshold", "members"));
    return plan(root, Set.of("identifier", "identityKey", "tlsSha256", "host", "port"));
  }

  /** The group file; {@code refreshes} is written only once the group has been refreshed. */
  public static byte[] encodeGroup(GroupFile group) {
    ObjectNode root = planNode(group.plan(), "custos-frost-group", group);
    if (!group.refreshes().isEmpty()) {
      ArrayNode refreshes = root.putArray("refreshes");
      for (GroupRefresh r : group.refreshes()) {
        ObjectNode node = refreshes.addObject();
        node.put("ceremonyId", HEX.formatHex(r.ceremonyId()));
        ArrayNode members = node.putArray("members");
        for (GroupMember m : group.plan().members()) {
          ObjectNode n = members.addObject();
          n.put("identifier", m.index());
          n.put("commitment", HEX.formatHex(r.commitments().get(m.identifier()).encode()));
          n.put("certificate", HEX.formatHex(r.certificates().get(m.identifier()).encode()));
        }
      }
    }
    root.put("internalKey", HEX.formatHex(group.internalKey()));
    root.put("outputKey", HEX.formatHex(group.outputKey()));
    return write(root);
  }

  public static GroupFile parseGroup(byte[] bytes) throws GroupFileException {
    JsonNode root = read(bytes, "custos-frost-group",
        Set.of("kind", "version", "network", "ceremonyId", "threshold", "members", "internalKey", "outputKey"), Set.of("refreshes"));
    GroupPlan plan = plan(root, Set.of("identifier", "identityKey", "tlsSha256", "host", "port", "commitment", "proofOfKnowledge", "certificate"));
    Map<Identifier, Dkg.Round1Package> round1 = new TreeMap<>();
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    int i = 0;
    for (JsonNode m : root.get("members")) {
      String where = "members[" + i++ + "]";
      Identifier id = plan.members().get(i - 1).identifier();
      try {
        round1.put(id, new Dkg.Round1Package(VssCommitment.decode(hex(m, "commitment", where)),
            ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, hex(m, "proofOfKnowledge", where))));
        certificates.put(id, DkgCertificate.decode(hex(m, "certificate", where)));
      } catch (FrostException e) {
        throw new GroupFileException("group file: " + where + ": " + e.getMessage());
      }
    }
    List<GroupRefresh> refreshes = root.has("refreshes") ? refreshes(root.get("refreshes"), plan) : List.of();
    GroupFile group;
    try {
      group = GroupFile.verify(plan, round1, certificates, refreshes);
    } catch (FrostException e) {
      throw new GroupFileException("group file does not verify: " + e.getMessage());
    }
    if (!HEX.formatHex(group.internalKey()).equals(text(root, "internalKey"))) {
      throw new GroupFileException("group file: internalKey is not the key its commitments make (" + HEX.formatHex(group.internalKey()) + ")");
    }
    if (!HEX.formatHex(group.outputKey()).equals(text(root, "outputKey"))) {
      throw new GroupFileException("group file: outputKey is not the BIP86 tweak of its internal key (" + HEX.formatHex(group.outputKey()) + ")");
    }
    return group;
  }

  private static List<GroupRefresh> refreshes(JsonNode array, GroupPlan plan) throws GroupFileException {
    if (!array.isArray() || array.isEmpty() || array.size() > 10_000) {
      throw new GroupFileException("refreshes must be an array of 1..10000 refreshes");
    }
    List<GroupRefresh> refreshes = new ArrayList<>();
    int r = 0;
    for (JsonNode node : array) {
      String where = "refreshes[" + r++ + "]";
      fields(node, Set.of("ceremonyId", "members"), where);
      byte[] id = hex(node, "ceremonyId", where);
      if (id.length != 32) {
        throw new GroupFileException(where + ": ceremonyId must be 32 bytes");
      }
      JsonNode members = node.get("members");
      if (!members.isArray() || members.size() != plan.members().size()) {
        throw new GroupFileException(where + ": members must be an array of the " + plan.members().size() + " members");
      }
      Map<Identifier, VssCommitment> commitments = new TreeMap<>();
      Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
      int i = 0;
      for (JsonNode m : members) {
        String at = where + ".members[" + i + "]";
        fields(m, Set.of("identifier", "commitment", "certificate"), at);
        GroupMember member = plan.members().get(i++);
        if (integer(m, "identifier", at) != member.index()) {
          throw new GroupFileException(at + ": identifier must be " + member.index() + " (the plan's order)");
        }
        try {
          commitments.put(member.identifier(), VssCommitment.decode(hex(m, "commitment", at)));
          certificates.put(member.identifier(), DkgCertificate.decode(hex(m, "certificate", at)));
        } catch (FrostException e) {
          throw new GroupFileException(at + ": " + e.getMessage());
        }
      }
      refreshes.add(new GroupRefresh(id, commitments, certificates));
    }
    return refreshes;
  }

  private static ObjectNode header(String kind, Network network) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", kind);
    root.put("version", 1);
    root.put("network", network.id());
    return root;
  }

  private static ObjectNode planNode(GroupPlan plan, String kind, GroupFile group) {
    ObjectNode root = header(kind, plan.network());
    root.put("ceremonyId", HEX.formatHex(plan.ceremonyId()));
    root.put("threshold", plan.threshold());
    ArrayNode members = root.putArray("members");
    for (GroupMember m : plan.members()) {
      ObjectNode n = members.addObject();
      n.put("identifier", m.index());
      n.put("identityKey", HEX.formatHex(m.identityKey().encode()));
      n.put("tlsSha256", m.tlsSha256());
      n.put("host", m.host());
      n.put("port", m.port());
      if (group != null) {
        Dkg.Round1Package p = group.round1().get(m.identifier());
        n.put("commitment", HEX.formatHex(p.commitment().encode()));
        n.put("proofOfKnowledge", HEX.formatHex(p.proofOfKnowledge().encode(ZfSecp256k1Taproot.INSTANCE)));
        n.put("certificate", HEX.formatHex(group.certificates().get(m.identifier()).encode()));
      }
    }
    return root;
  }

  private static GroupPlan plan(JsonNode root, Set<String> memberFields) throws GroupFileException {
    byte[] ceremonyId = hex(root, "ceremonyId", "plan");
    int threshold = integer(root, "threshold", "plan");
    JsonNode array = root.get("members");
    if (!array.isArray() || array.isEmpty() || array.size() > 1000) {
      throw new GroupFileException("members must be an array of 1..1000 members");
    }
    List<GroupMember> members = new ArrayList<>();
    int i = 0;
    for (JsonNode m : array) {
      String where = "members[" + i++ + "]";
      fields(m, memberFields, where);
      try {
        members.add(new GroupMember(integer(m, "identifier", where), identity(m, "identityKey"), text(m, "tlsSha256"),
            text(m, "host"), integer(m, "port", where)));
      } catch (IllegalArgumentException e) {
        throw new GroupFileException(where + ": " + e.getMessage());
      }
    }
    try {
      return new GroupPlan(network(root), ceremonyId, threshold, members);
    } catch (IllegalArgumentException e) {
      throw new GroupFileException(e.getMessage());
    }
  }

  private static JsonNode read(byte[] bytes, String kind, Set<String> fields) throws GroupFileException {
    return read(bytes, kind, fields, Set.of());
  }

  /** Parses a JSON object with every field of {@code fields}, any of {@code optional}, nothing else. */
  private static JsonNode read(byte[] bytes, String kind, Set<String> fields, Set<String> optional) throws GroupFileException {
    if (bytes.length > MAX_BYTES) {
      throw new GroupFileException(kind + ": larger than 1 MiB");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new GroupFileException(kind + ": not JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new GroupFileException(kind + ": not a JSON object");
    }
    fields(root, fields, optional, kind);
    if (!kind.equals(text(root, "kind"))) {
      throw new GroupFileException("expected a " + kind + " file, found kind '" + root.get("kind").asText() + "'");
    }
    if (integer(root, "version", kind) != 1) {
      throw new GroupFileException(kind + ": version " + root.get("version") + " is not supported (only 1)");
    }
    return root;
  }

  private static void fields(JsonNode node, Set<String> expected, String where) throws GroupFileException {
    fields(node, expected, Set.of(), where);
  }

  private static void fields(JsonNode node, Set<String> expected, Set<String> optional, String where) throws GroupFileException {
    if (!node.isObject()) {
      throw new GroupFileException(where + ": not an object");
    }
    for (String f : expected) {
      if (!node.has(f)) {
        throw new GroupFileException(where + ": missing field '" + f + "'");
      }
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String f = names.next();
      if (!expected.contains(f) && !optional.contains(f)) {
        throw new GroupFileException(where + ": unknown field '" + f + "'");
      }
    }
  }

  private static String text(JsonNode node, String field) throws GroupFileException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new GroupFileException("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String field, String where) throws GroupFileException {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new GroupFileException(where + ": field '" + field + "' must be an integer");
    }
    return v.asInt();
  }

  private static byte[] hex(JsonNode node, String field, String where) throws GroupFileException {
    String s = text(node, field);
    if (s.length() % 2 != 0 || !s.matches("[0-9a-f]*")) {
      throw new GroupFileException(where + ": field '" + field + "' must be lowercase hex");
    }
    return HEX.parseHex(s);
  }

  private static IdentityPublicKey identity(JsonNode node, String field) throws GroupFileException {
    try {
      return IdentityPublicKey.decode(hex(node, field, "identity key"));
    } catch (FrostException e) {
      throw new GroupFileException("field '" + field + "': " + e.getMessage());
    }
  }

  private static Network network(JsonNode root) throws GroupFileException {
    try {
      return Network.parse(text(root, "network"));
    } catch (IllegalArgumentException e) {
      throw new GroupFileException("network: " + e.getMessage());
    }
  }

  private static byte[] write(ObjectNode root) {
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON: " + e.getOriginalMessage());
    }
  }
}
