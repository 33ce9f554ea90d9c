package dev.custos.core.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code <pre>} block under "==Test vectors==" of BIP84 and BIP86: {@code name = value}
 * lines, grouped by the {@code // ... = m/...} comments that name the path they belong to. Fields
 * before the first comment belong to the master key ({@code m}).
 */
final class BipPreVectors {
  private static final Pattern PATH_COMMENT = Pattern.compile("^\\s*//.*= (m/\\S+)\\s*$");
  private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)\\s*=\\s*(.+?)\\s*$");

  record Block(KeyPath path, Map<String, String> fields) {
    String get(String name) {
      String v = fields.get(name);
      if (v == null) {
        throw new AssertionError("vector block " + path + " has no field " + name);
      }
      return v;
    }
  }

  private BipPreVectors() {}

  static List<Block> read(String resource) throws IOException {
    List<String> lines;
    try (InputStream in = BipPreVectors.class.getResourceAsStream(resource)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int start = lines.indexOf("==Test vectors==");
    if (start < 0) {
      throw new AssertionError(resource + " has no ==Test vectors== section");
    }
    List<Block> blocks = new ArrayList<>();
    Block current = null;
    boolean inPre = false;
    for (String line : lines.subList(start, lines.size())) {
      if (line.trim().equals("<pre>")) {
        inPre = true;
        current = new Block(KeyPath.MASTER, new LinkedHashMap<>());
        blocks.add(current);
      } else if (line.trim().equals("</pre>")) {
        break;
      } else if (inPre) {
        Matcher comment = PATH_COMMENT.matcher(line);
        Matcher field = FIELD.matcher(line);
        if (comment.matches()) {
          current = new Block(KeyPath.parse(comment.group(1)), new LinkedHashMap<>());
          blocks.add(current);
        } else if (field.matches()) {
          current.fields().put(field.group(1), field.group(2));
        }
      }
    }
    return blocks;
  }
}
