package dev.custos.service.policyfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The entries of one YAML mapping, checked: keys are text, none repeats, none is a merge key
 * ({@code <<}), and, when the schema fixes the names, none is unknown. Problems with a key are
 * reported at the key's line; a missing key at the line of the mapping's own key.
 */
final class YamlMapping {
  /** Keys shown in paths as they are; any other key is shown quoted, shortened and printable. */
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_<][A-Za-z0-9_.<-]{0,63}");

  private final YamlField self;
  private final Map<String, YamlField> entries;

  private YamlMapping(YamlField self, Map<String, YamlField> entries) {
    this.self = self;
    this.entries = entries;
  }

  static YamlMapping read(YamlField self, MappingNode node, Set<String> allowedKeys) throws PolicyFileException {
    Map<String, YamlField> entries = new LinkedHashMap<>();
    Map<String, Integer> keyLines = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      int keyLine = YamlField.lineOf(t.getKeyNode());
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new PolicyFileException(self.source(), keyLine, self.path(), "keys must be text");
      }
      String key = k.getValue();
      String segment = SIMPLE_KEY.matcher(key).matches() ? key : Quoted.of(key);
      String path = self.path().isEmpty() ? segment : self.path() + "." + segment;
      if (key.equals("<<")) {
        throw new PolicyFileException(self.source(), keyLine, path, "merge keys (<<) are refused: write each value out in full");
      }
      if (allowedKeys != null && !allowedKeys.contains(key)) {
        throw new PolicyFileException(self.source(), keyLine, path,
            "unknown key (expected " + String.join(", ", new TreeSet<>(allowedKeys)) + ")");
      }
      Integer first = keyLines.putIfAbsent(key, keyLine);
      if (first != null) {
        throw new PolicyFileException(self.source(), keyLine, path, "duplicate key (first at line " + first + ")");
      }
      entries.put(key, self.child(t.getValueNode(), path, keyLine));
    }
    return new YamlMapping(self, entries);
  }

  /** The value of {@code key} if the key is present (a present key with no value is not absent). */
  Optional<YamlField> optional(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  YamlField required(String key) throws PolicyFileException {
    YamlField f = entries.get(key);
    if (f == null) {
      throw self.error("missing required key '" + key + "'");
    }
    return f;
  }

  /** Entries in document order. */
  List<Map.Entry<String, YamlField>> entries() {
    return new ArrayList<>(entries.entrySet());
  }
}
