package dev.custos.service.policyfile;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns policy text into one YAML node tree with line marks, refusing what a policy never needs
 * and what makes YAML dangerous: documents over 1 MiB, more than one document, anchors and
 * aliases (no "billion laughs"), explicit tags, and nesting deeper than the schema goes.
 *
 * <p>The text is first screened event by event (snakeyaml-engine's parser, which builds nothing),
 * and only then composed into nodes.
 */
final class SafeYaml {
  /** Largest accepted document, in UTF-8 bytes. */
  static final int MAX_BYTES = 1 << 20;
  /** The schema nests six collections deep (destinations.address-books.NAME[i].range). */
  static final int MAX_DEPTH = 8;

  private SafeYaml() {}

  static Node load(String text, String source) throws PolicyFileException {
    long bytes = utf8Length(text);
    if (bytes > MAX_BYTES) {
      throw new PolicyFileException(source, 1, "", "the document is " + bytes + " bytes, more than the 1 MiB limit ("
          + MAX_BYTES + " bytes)");
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source)
        .setUseMarks(true)
        .setAllowDuplicateKeys(false)
        .setAllowNonScalarKeys(false)
        .setCodePointLimit(MAX_BYTES + 1)
        .build();
    try {
      screen(settings, text, source);
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isEmpty()) {
        throw new PolicyFileException(source, 1, "", "the document is empty (it needs at least 'version: 1')");
      }
      return root.get();
    } catch (YamlEngineException e) {
      throw translate(e, text, source);
    }
  }

  private static void screen(LoadSettings settings, String text, String source) throws PolicyFileException {
    int documents = 0;
    int depth = 0;
    for (Event e : new Parse(settings).parseString(text)) {
      if (e.getEventId() == Event.ID.Alias) {
        throw at(e, source, "aliases (*name) are refused: write each value out in full");
      }
      if (e instanceof NodeEvent n && n.getAnchor().isPresent()) {
        throw at(e, source, "anchors (&name) are refused: write each value out in full");
      }
      if (e instanceof ScalarEvent s && s.getTag().isPresent()
          || e instanceof CollectionStartEvent c && c.getTag().isPresent()) {
        throw at(e, source, "explicit tags (!tag, !!type) are refused: the schema decides every type");
      }
      switch (e.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            throw at(e, source, "more than one document ('---'): a policy file holds exactly one");
          }
        }
        case MappingStart, SequenceStart -> {
          if (++depth > MAX_DEPTH) {
            throw at(e, source, "nested more than " + MAX_DEPTH + " levels deep; the schema never nests that far");
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        default -> { }
      }
    }
  }

  private static PolicyFileException at(Event e, String source, String problem) {
    return new PolicyFileException(source, line(e.getStartMark()), "", problem);
  }

  private static int line(Optional<Mark> mark) {
    return mark.map(m -> m.getLine() + 1).orElse(1);
  }

  private static PolicyFileException translate(YamlEngineException e, String text, String source) {
    if (e instanceof MarkedYamlEngineException m) {
      Optional<Mark> mark = m.getProblemMark().or(m::getContextMark);
      String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
      return new PolicyFileException(source, line(mark), "", "not valid YAML: " + oneLine(problem));
    }
    if (e instanceof ReaderException r) {
      return new PolicyFileException(source, lineOfCodePoint(text, r.getPosition()), "",
          String.format("not valid YAML: character U+%04X is not allowed", r.getCodePoint()));
    }
    return new PolicyFileException(source, 1, "", "not valid YAML: " + oneLine(e.getMessage()));
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable document";
    }
    String line = Quoted.printable(message.replaceAll("\\s+", " ").strip());
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static int lineOfCodePoint(String text, int position) {
    int line = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < position; i += Character.charCount(text.codePointAt(i)), seen++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
