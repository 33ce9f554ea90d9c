package dev.custos.core.ln.bolt3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the appendices of the unmodified {@code 03-transactions.md} (test resource). Each
 * appendix is a list of {@code key: value} lines (or {@code key = value}); a {@code name:} line
 * starts a case. Lines are kept in order because Appendix D's storage tests are sequences.
 */
final class BoltTextVectors {
  static final String RESOURCE = "/vectors/bolt3/03-transactions.md";

  /** One {@code key: value} line, with its key stripped of a leading {@code #} and spaces. */
  record Line(String key, String value) {}

  /** A named case: its lines in order. */
  record Case(String name, List<Line> lines) {
    String get(String key) {
      return lines.stream().filter(l -> l.key.equals(key)).map(Line::value).findFirst()
          .orElseThrow(() -> new IllegalStateException("case '" + name + "' has no " + key));
    }

    List<String> all(String key) {
      return lines.stream().filter(l -> l.key.equals(key)).map(Line::value).toList();
    }
  }

  private BoltTextVectors() {}

  static String text() {
    try (InputStream in = BoltTextVectors.class.getResourceAsStream(RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text between the heading {@code # <title>} and the next top-level heading. */
  static String appendix(String title) {
    String t = text();
    int start = t.indexOf("\n# " + title);
    if (start < 0) {
      throw new IllegalStateException("no appendix " + title);
    }
    int end = t.indexOf("\n# Appendix", start + 1);
    return t.substring(start, end < 0 ? t.length() : end);
  }

  /** The lines before the first {@code name:} (shared parameters), as a key-value map. */
  static Map<String, String> preamble(String appendix) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Line l : lines(appendix)) {
      if (l.key.equals("name")) {
        break;
      }
      m.putIfAbsent(l.key, l.value);
    }
    return m;
  }

  /** The cases of an appendix. */
  static List<Case> cases(String appendix) {
    List<Case> cases = new ArrayList<>();
    String name = null;
    List<Line> current = null;
    for (Line l : lines(appendix)) {
      if (l.key.equals("name")) {
        if (name != null) {
          cases.add(new Case(name, current));
        }
        name = l.value;
        current = new ArrayList<>();
      } else if (current != null) {
        current.add(l);
      }
    }
    if (name != null) {
      cases.add(new Case(name, current));
    }
    return cases;
  }

  private static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String s = raw.strip();
      if (s.startsWith("INTERNAL:")) {
        s = s.substring("INTERNAL:".length()).strip();
      }
      if (s.startsWith("#")) {
        s = s.substring(1).strip();
      }
      int colon = s.indexOf(": ");
      int equals = s.indexOf(" = ");
      int cut;
      int len;
      if (equals > 0 && (colon < 0 || equals < colon)) {
        cut = equals;
        len = 3;
      } else if (colon > 0) {
        cut = colon;
        len = 2;
      } else {
        continue;
      }
      out.add(new Line(s.substring(0, cut).strip(), s.substring(cut + len).strip()));
    }
    return out;
  }
}
