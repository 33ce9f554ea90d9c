package dev.custos.core.macaroon;

import dev.custos.core.keys.KeyPath;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The first-party caveat conditions Custos understands, in macaroon-bakery's syntax {@code <name>
 * <argument>} (split at the first space). {@link #text()} writes a condition exactly as LND does;
 * {@link #parse} reads one.
 *
 * <p>Standard (LND, macaroon-bakery {@code checkers}): {@code time-before <RFC 3339>},
 * {@code ipaddr <ip>}, {@code iprange <cidr>}, {@code lnd-custom <name> [<condition>]}.
 * Custos (docs/macaroons.md), which narrow the spending policy for the holder: {@code
 * custos-max-amount <sat>}, {@code custos-destinations <entry> ...} (addresses or {@code
 * book:<name>}), {@code custos-account <key path>}. Anything else is {@link Unrecognized}, and a
 * known name with a bad argument is {@link Malformed}; the verifier denies both unless an
 * extension checker explicitly satisfies them.
 */
public sealed interface Condition {
  int MAX_DESTINATIONS = 1000;
  long MAX_SAT = 2_100_000_000_000_000L;

  /** The caveat condition text, as LND writes it. */
  String text();

  /** Valid while the request time is strictly before {@code deadline} ("macaroon has expired"). */
  record TimeBefore(Instant deadline) implements Condition {
    public TimeBefore {
      if (deadline.isBefore(Rfc3339.EARLIEST) || !deadline.isBefore(Rfc3339.AFTER_LATEST)) {
        throw new IllegalArgumentException("time-before deadline must lie in years 0000-9999");
      }
    }

    @Override
    public String text() {
      return "time-before " + Rfc3339.format(deadline);
    }
  }

  /** The request must come from exactly this address (LND {@code IPLockConstraint}). */
  record IpAddr(InetAddress address) implements Condition {
    @Override
    public String text() {
      return "ipaddr " + IpLiterals.format(address);
    }
  }

  /** The request must come from this network (LND {@code IPRangeLockConstraint}). */
  record IpRange(InetAddress network, int prefixLength) implements Condition {
    public IpRange {
      int bits = network.getAddress().length * 8;
      if (prefixLength < 0 || prefixLength > bits) {
        throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + bits);
      }
      network = IpLiterals.byAddress(mask(network.getAddress(), prefixLength));
    }

    /** Whether {@code address} lies in this network (an IPv4 address never lies in an IPv6 one). */
    public boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      return a.length == network.getAddress().length && Arrays.equals(mask(a, prefixLength), network.getAddress());
    }

    private static byte[] mask(byte[] address, int prefixLength) {
      byte[] out = address.clone();
      for (int i = 0; i < out.length; i++) {
        int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
        out[i] &= (byte) (0xff << (8 - keep));
      }
      return out;
    }

    @Override
    public String text() {
      return "iprange " + IpLiterals.format(network) + "/" + prefixLength;
    }
  }

  /** {@code lnd-custom <name> [<condition>]}: satisfied only by an extension checker for name. */
  record LndCustom(String name, String condition) implements Condition {
    public LndCustom {
      if (name.isEmpty() || name.contains(" ") || !name.strip().equals(name) || !condition.strip().equals(condition)) {
        throw new IllegalArgumentException("lnd-custom needs a name without spaces and a trimmed condition");
      }
    }

    @Override
    public String text() {
      return condition.isEmpty() ? "lnd-custom " + name : "lnd-custom " + name + " " + condition;
    }
  }

  /** Custos: no transaction authorized by this macaroon may send more than {@code sat}. */
  record MaxAmount(long sat) implements Condition {
    public MaxAmount {
      if (sat < 0 || sat > MAX_SAT) {
        throw new IllegalArgumentException("custos-max-amount " + sat + " out of 0.." + MAX_SAT);
      }
    }

    @Override
    public String text() {
      return "custos-max-amount " + sat;
    }
  }

  /**
   * Custos: every external output must pay one of these entries, each an address or {@code
   * book:<name>} (an address book of the policy).
   */
  record Destinations(List<String> entries) implements Condition {
    public Destinations {
      entries = List.copyOf(entries);
      if (entries.isEmpty() || entries.size() > MAX_DESTINATIONS) {
        throw new IllegalArgumentException("custos-destinations needs 1.." + MAX_DESTINATIONS + " entries");
      }
      for (String e : entries) {
        if (e.isEmpty() || !e.chars().allMatch(c -> c > 0x20 && c < 0x7f) || e.equals("book:")) {
          throw new IllegalArgumentException("custos-destinations entry '" + IpLiterals.abbreviate(e)
              + "' must be a printable ASCII address or book:<name>");
        }
      }
    }

    @Override
    public String text() {
      return "custos-destinations " + String.join(" ", entries);
    }
  }

  /** Custos: only inputs of the account at this BIP44-style path may be signed. */
  record Account(KeyPath path) implements Condition {
    @Override
    public String text() {
      return "custos-account " + path;
    }
  }

  /** A well-named condition whose argument does not parse; never satisfied. */
  record Malformed(String text, String reason) implements Condition {}

  /** A condition whose name Custos does not know; denied unless an extension checker accepts it. */
  record Unrecognized(String text) implements Condition {}

  /** Parses one first-party caveat condition. Never throws. */
  public static Condition parse(String text) {
    int space = text.indexOf(' ');
    String name = space < 0 ? text : text.substring(0, space);
    String arg = space < 0 ? "" : text.substring(space + 1);
    try {
      return switch (name) {
        case "time-before" -> new TimeBefore(Rfc3339.parse(arg));
        case "ipaddr" -> new IpAddr(IpLiterals.parse(arg));
        case "iprange" -> parseRange(arg);
        case "lnd-custom" -> parseCustom(arg);
        case "custos-max-amount" -> new MaxAmount(parseSat(arg));
        case "custos-destinations" -> new Destinations(List.of(arg.split(" ", -1)));
        case "custos-account" -> new Account(parseAccount(arg));
        default -> new Unrecognized(text);
      };
    } catch (IllegalArgumentException e) {
      return new Malformed(text, name + ": " + e.getMessage());
    }
  }

  private static IpRange parseRange(String arg) {
    int slash = arg.indexOf('/');
    if (slash < 0 || !arg.substring(slash + 1).matches("0|[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException("'" + IpLiterals.abbreviate(arg) + "' is not a CIDR range");
    }
    return new IpRange(IpLiterals.parse(arg.substring(0, slash)), Integer.parseInt(arg.substring(slash + 1)));
  }

  private static LndCustom parseCustom(String arg) {
    int space = arg.indexOf(' ');
    return space < 0 ? new LndCustom(arg, "") : new LndCustom(arg.substring(0, space), arg.substring(space + 1));
  }

  private static long parseSat(String arg) {
    if (!arg.matches("0|[1-9][0-9]{0,15}")) {
      throw new IllegalArgumentException("'" + IpLiterals.abbreviate(arg) + "' is not an amount in satoshis");
    }
    return Long.parseLong(arg);
  }

  private static KeyPath parseAccount(String arg) {
    KeyPath path = KeyPath.parse(arg);
    if (!arg.equals(path.toString()) || path.depth() != 3) {
      throw new IllegalArgumentException("'" + IpLiterals.abbreviate(arg) + "' is not an account path like m/84'/0'/0'");
    }
    return path;
  }
}
