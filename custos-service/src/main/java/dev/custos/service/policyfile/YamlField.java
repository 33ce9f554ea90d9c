package dev.custos.service.policyfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One value of the policy document with its dotted path ({@code limits.velocity[1].window}) and
 * line, read as the schema expects: a mapping, a list, text, a whole number, a decimal or a
 * boolean. Types come from the text itself (a plain {@code true}, a plain {@code 12}), not from a
 * YAML schema, so quoting a number makes it text and is refused where a number is expected.
 */
final class YamlField {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private final Node node;
  private final String source;
  private final String path;
  private final int line;

  private YamlField(Node node, String source, String path, int line) {
    this.node = node;
    this.source = source;
    this.path = path;
    this.line = line;
  }

  /** The document's root; problems with the document as a whole are reported at line 1. */
  static YamlField root(Node node, String source) {
    return new YamlField(node, source, "", 1);
  }

  /** A value inside this one; {@code keyLine} is where problems with the whole value are reported. */
  YamlField child(Node child, String childPath, int keyLine) {
    return new YamlField(child, source, childPath, keyLine);
  }

  String path() {
    return path;
  }

  int line() {
    return node instanceof ScalarNode ? lineOf(node) : line;
  }

  String source() {
    return source;
  }

  Node node() {
    return node;
  }

  static int lineOf(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  PolicyFileException error(String problem) {
    return new PolicyFileException(source, line(), path, problem);
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.isPlain() && NULLS.contains(s.getValue());
  }

  /** Reads a mapping whose keys must all be in {@code allowedKeys} ({@code null}: any name). */
  YamlMapping mapping(Set<String> allowedKeys) throws PolicyFileException {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value), found " + describe());
    }
    return YamlMapping.read(this, m, allowedKeys);
  }

  List<YamlField> list() throws PolicyFileException {
    if (!(node instanceof SequenceNode s)) {
      throw error("expected a list, found " + describe());
    }
    List<YamlField> items = new ArrayList<>();
    for (Node item : s.getValue()) {
      items.add(new YamlField(item, source, path + "[" + items.size() + "]", lineOf(item)));
    }
    return items;
  }

  /** Any scalar that is not null: a string, or a number or boolean read as its text. */
  String text() throws PolicyFileException {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw error("expected text, found " + describe());
    }
    return s.getValue();
  }

  boolean bool() throws PolicyFileException {
    if (node instanceof ScalarNode s && s.isPlain() && (s.getValue().equals("true") || s.getValue().equals("false"))) {
      return s.getValue().equals("true");
    }
    throw error("expected true or false, found " + describe());
  }

  /** A plain whole number in {@code 0..max}. */
  long integer(long max) throws PolicyFileException {
    if (!(node instanceof ScalarNode s && s.isPlain() && INTEGER.matcher(s.getValue()).matches())) {
      throw error("expected a whole number, found " + describe());
    }
    String v = s.getValue();
    if (v.startsWith("-")) {
      throw error(Quoted.of(v) + " is negative; it must be 0 or more");
    }
    String digits = v.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 18 || Long.parseLong(digits) > max) {
      throw error(Quoted.of(v) + " is too large (at most " + max + ")");
    }
    return Long.parseLong(digits);
  }

  /** A plain decimal number ({@code 12}, {@code 2.5}) in {@code 0..max}. */
  double decimal(double max) throws PolicyFileException {
    if (!(node instanceof ScalarNode s && s.isPlain() && DECIMAL.matcher(s.getValue()).matches())) {
      throw error("expected a number such as 25 or 2.5, found " + describe());
    }
    String v = s.getValue();
    if (v.startsWith("-")) {
      throw error(Quoted.of(v) + " is negative; it must be 0 or more");
    }
    if (v.length() > 24) {
      throw error(Quoted.of(v) + " has too many digits");
    }
    double d = Double.parseDouble(v);
    if (d > max) {
      throw error(Quoted.of(v) + " is too large (at most " + PolicySchemaV1.plain(max) + ")");
    }
    return d;
  }

  /** {@link #text()} read by {@code parser}, whose IllegalArgumentException message becomes the problem. */
  <T> T parse(Function<String, T> parser) throws PolicyFileException {
    String text = text();
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  String describe() {
    return switch (node) {
      case MappingNode m -> "a mapping";
      case SequenceNode s -> "a list";
      case ScalarNode s when isNull() -> "no value";
      case ScalarNode s -> Quoted.of(s.getValue());
      default -> "an unsupported node";
    };
  }
}
