package dev.custos.service.policyfile;

import dev.custos.core.keys.Network;
import dev.custos.core.policy.Destination;
import fr.acinq.bitcoin.ByteVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * The {@code destinations} section: named address books, and the allow and deny lists, whose
 * entries are addresses of the policy's network, {@code book:NAME}, or descriptors
 * ({@link DescriptorText}), a ranged one optionally as {@code {descriptor: ..., range: [FROM, TO]}}.
 *
 * <p>A ranged descriptor stands for {@value #DEFAULT_INDEXES} scripts (indexes 0 to 999) unless
 * a range says otherwise; the whole document may expand to at most {@value #MAX_SCRIPTS}
 * descriptor scripts, and its allow and deny lists at most {@value #MAX_LISTED} scripts once
 * books are expanded, so a document cannot make the signer derive keys or copy lists without bound.
 */
final class DestinationLists {
  static final int DEFAULT_INDEXES = 1000;
  static final int MAX_SCRIPTS = 100_000;
  /** Most scripts the allow and deny lists may hold together once books are expanded. */
  static final int MAX_LISTED = 2 * MAX_SCRIPTS;
  private static final Pattern BOOK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final long MAX_INDEX = 0x7FFF_FFFFL;

  /**
   * The lists as the core policy takes them; an absent allow list allows every destination.
   * {@code books} are the address books by name, for macaroon {@code book:NAME} caveats.
   */
  record Lists(Optional<Map<ByteVector, Destination>> allow, Map<ByteVector, Destination> deny, Map<String, Set<ByteVector>> books) {}

  private final Network network;
  private final Map<String, List<Destination>> books = new LinkedHashMap<>();
  private long derived;
  private long listed;

  private DestinationLists(Network network) {
    this.network = network;
  }

  static Lists read(Optional<YamlField> section, Network network) throws PolicyFileException {
    if (section.isEmpty()) {
      return new Lists(Optional.empty(), Map.of(), Map.of());
    }
    YamlMapping m = section.get().mapping(Set.of("allow", "deny", "address-books"));
    DestinationLists lists = new DestinationLists(network);
    if (m.optional("address-books").isPresent()) {
      lists.readBooks(m.optional("address-books").get());
    }
    Optional<Map<ByteVector, Destination>> allow = Optional.empty();
    if (m.optional("allow").isPresent()) {
      allow = Optional.of(lists.scripts(m.optional("allow").get()));
    }
    Map<ByteVector, Destination> deny = Map.of();
    if (m.optional("deny").isPresent()) {
      deny = lists.scripts(m.optional("deny").get());
    }
    Map<String, Set<ByteVector>> books = new LinkedHashMap<>();
    lists.books.forEach((name, entries) -> books.put(name, entries.stream().map(Destination::script).collect(Collectors.toSet())));
    return new Lists(allow, deny, books);
  }

  private void readBooks(YamlField field) throws PolicyFileException {
    for (Map.Entry<String, YamlField> book : field.mapping(null).entries()) {
      if (!BOOK_NAME.matcher(book.getKey()).matches()) {
        throw book.getValue().error("address book names are 1 to 64 letters, digits, '_', '.' or '-', "
            + "starting with a letter or digit");
      }
      List<Destination> entries = new ArrayList<>();
      for (YamlField item : book.getValue().list()) {
        entries.addAll(entry(item, false));
      }
      books.put(book.getKey(), entries);
    }
  }

  /** A list's scripts; a script listed twice keeps its first label. */
  private Map<ByteVector, Destination> scripts(YamlField field) throws PolicyFileException {
    Map<ByteVector, Destination> scripts = new LinkedHashMap<>();
    for (YamlField item : field.list()) {
      List<Destination> entry = entry(item, true);
      listed += entry.size();
      if (listed > MAX_LISTED) {
        throw item.error("the allow and deny lists hold more than " + MAX_LISTED + " scripts once books are expanded");
      }
      for (Destination d : entry) {
        scripts.putIfAbsent(d.script(), d);
      }
    }
    return scripts;
  }

  private List<Destination> entry(YamlField item, boolean booksAllowed) throws PolicyFileException {
    if (item.node() instanceof MappingNode) {
      return rangedEntry(item);
    }
    String text = item.text();
    if (text.startsWith("book:")) {
      return bookEntry(item, text.substring(5), booksAllowed);
    }
    if (text.contains("(")) {
      DestinationDescriptor d = item.parse(t -> DescriptorText.parse(t, network));
      return switch (d) {
        case DestinationDescriptor.Fixed fixed -> List.of(fixed.destination());
        case RangedKeyDescriptor ranged -> expand(item, ranged, 0, DEFAULT_INDEXES - 1);
      };
    }
    ByteVector script = item.parse(t -> AddressText.script(t, network));
    return List.of(new Destination(script, "address " + text));
  }

  private List<Destination> rangedEntry(YamlField item) throws PolicyFileException {
    YamlMapping m = item.mapping(Set.of("descriptor", "range"));
    YamlField descriptor = m.required("descriptor");
    DestinationDescriptor d = descriptor.parse(t -> DescriptorText.parse(t, network));
    if (!(d instanceof RangedKeyDescriptor ranged)) {
      throw descriptor.error("{descriptor, range} is for ranged descriptors (KEY/BRANCH/*); write addr() and raw() as plain entries");
    }
    if (m.optional("range").isEmpty()) {
      return expand(descriptor, ranged, 0, DEFAULT_INDEXES - 1);
    }
    YamlField range = m.optional("range").get();
    List<YamlField> bounds = range.list();
    if (bounds.size() != 2) {
      throw range.error("range is [FROM, TO], two indexes (e.g. [0, 999])");
    }
    long from = bounds.get(0).integer(MAX_INDEX);
    long to = bounds.get(1).integer(MAX_INDEX);
    if (from > to) {
      throw range.error("range [" + from + ", " + to + "] is empty: FROM must not exceed TO");
    }
    if (to - from + 1 > MAX_SCRIPTS) {
      throw range.error("range [" + from + ", " + to + "] has more than " + MAX_SCRIPTS + " indexes");
    }
    return expand(descriptor, ranged, from, to);
  }

  private List<Destination> bookEntry(YamlField item, String name, boolean booksAllowed) throws PolicyFileException {
    if (!booksAllowed) {
      throw item.error("an address book cannot refer to another book");
    }
    List<Destination> book = books.get(name);
    if (book == null) {
      List<String> defined = books.keySet().stream().limit(6).toList();
      throw item.error("no address book named " + Quoted.of(name) + (books.isEmpty() ? " (destinations.address-books defines none)"
          : " (defined: " + String.join(", ", defined.subList(0, Math.min(5, defined.size()))) + (defined.size() > 5 ? ", …)" : ")")));
    }
    return book.stream().map(d -> new Destination(d.script(), "book " + name + ": " + d.label())).toList();
  }

  private List<Destination> expand(YamlField at, RangedKeyDescriptor descriptor, long from, long to) throws PolicyFileException {
    long count = to - from + 1;
    if (derived + count > MAX_SCRIPTS) {
      throw at.error("the document's descriptors expand to more than " + MAX_SCRIPTS + " scripts; narrow the ranges");
    }
    derived += count;
    List<Destination> out = new ArrayList<>((int) count);
    try {
      for (long i = from; i <= to; i++) {
        out.add(descriptor.destinationAt(i));
      }
    } catch (IllegalArgumentException underivable) {
      throw at.error(underivable.getMessage());
    }
    return out;
  }
}
