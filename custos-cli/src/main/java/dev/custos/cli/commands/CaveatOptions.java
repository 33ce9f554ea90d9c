package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Condition;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The first-party caveat options of {@code macaroon bake}, {@code macaroon constrain} and {@code
 * macaroon discharge}, as lncli's plus the Custos ones: each becomes one condition
 * (docs/macaroons.md, "Caveats"), in this order: timeout, address, range, custom, amount,
 * destinations (all {@code --destination} values form one caveat), account.
 */
public final class CaveatOptions {
  private static final Pattern SAT = Pattern.compile("(0|[1-9][0-9]{0,15}) sat");
  private static final Pattern BTC = Pattern.compile("(0|[1-9][0-9]{0,7})(?:\\.([0-9]{1,8}))? BTC");

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Valid for this many seconds from now (time-before).")
  Long timeoutSeconds;

  @Option(names = "--ip-address", paramLabel = "IP", description = "Only from this IP address (ipaddr).")
  String ipAddress;

  @Option(names = "--ip-range", paramLabel = "CIDR", description = "Only from this network, e.g. 192.168.1.0/24 (iprange).")
  String ipRange;

  @Option(names = "--custom-caveat", paramLabel = "\"NAME COND\"", description = "An lnd-custom caveat: a name, a space, a condition.")
  String custom;

  @Option(names = "--max-amount", paramLabel = "AMOUNT",
      description = "At most this much per transaction signed with the macaroon: '50000 sat' or '0.0005 BTC' (custos-max-amount).")
  String maxAmount;

  @Option(names = "--destination", paramLabel = "ENTRY",
      description = "Only pay this address or book:NAME (an address book of the policy); repeat for more (one custos-destinations caveat).")
  List<String> destinations = new ArrayList<>();

  @Option(names = "--account", paramLabel = "PATH",
      description = "Only sign inputs of this account, e.g. \"m/84'/0'/0'\" (custos-account).")
  String account;

  /** The conditions asked for; {@code now} is when the timeout starts. */
  public List<Condition> conditions(Instant now) throws CliException {
    List<Condition> out = new ArrayList<>();
    if (timeoutSeconds != null) {
      if (timeoutSeconds <= 0 || timeoutSeconds > 100L * 366 * 86_400) {
        throw CliException.badInput("--timeout " + timeoutSeconds + ": give a number of seconds from 1 to 100 years");
      }
      out.add(new Condition.TimeBefore(now.plusSeconds(timeoutSeconds)));
    }
    if (ipAddress != null) {
      out.add(new Condition.IpAddr(ip(ipAddress, "--ip-address")));
    }
    if (ipRange != null) {
      out.add(range(ipRange));
    }
    if (custom != null) {
      int space = custom.indexOf(' ');
      try {
        out.add(space < 0 ? new Condition.LndCustom(custom, "") : new Condition.LndCustom(custom.substring(0, space), custom.substring(space + 1)));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--custom-caveat: " + e.getMessage());
      }
    }
    if (maxAmount != null) {
      out.add(new Condition.MaxAmount(sat(maxAmount)));
    }
    if (!destinations.isEmpty()) {
      try {
        out.add(new Condition.Destinations(destinations));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--destination: " + e.getMessage());
      }
    }
    if (account != null) {
      out.add(account(account));
    }
    return out;
  }

  private static InetAddress ip(String text, String option) throws CliException {
    try {
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(option + " '" + text + "' is not an IPv4 or IPv6 address");
    }
  }

  private static Condition.IpRange range(String text) throws CliException {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("0|[1-9][0-9]{0,2}")) {
      throw CliException.badInput("--ip-range '" + text + "' is not a CIDR range such as 192.168.1.0/24");
    }
    try {
      return new Condition.IpRange(ip(text.substring(0, slash), "--ip-range"), Integer.parseInt(text.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--ip-range '" + text + "': " + e.getMessage());
    }
  }

  private static long sat(String text) throws CliException {
    Matcher s = SAT.matcher(text);
    Matcher b = BTC.matcher(text);
    long sat;
    if (s.matches()) {
      sat = Long.parseLong(s.group(1));
    } else if (b.matches()) {
      sat = new BigDecimal(b.group(1) + "." + (b.group(2) == null ? "0" : b.group(2))).movePointRight(8).longValueExact();
    } else {
      throw CliException.badInput("--max-amount '" + text + "' is not an amount: write '50000 sat' or '0.0005 BTC'");
    }
    if (sat > Condition.MAX_SAT) {
      throw CliException.badInput("--max-amount '" + text + "' is more than 21 million BTC");
    }
    return sat;
  }

  private static Condition account(String text) throws CliException {
    // The caveat's own parser is the one the verifier uses: what it refuses, the CLI refuses.
    if (Condition.parse("custos-account " + text) instanceof Condition.Account a) {
      return a;
    }
    throw CliException.badInput("--account '" + text + "' is not an account path like m/84'/0'/0'");
  }

  boolean isEmpty() {
    return timeoutSeconds == null && ipAddress == null && ipRange == null && custom == null && maxAmount == null
        && destinations.isEmpty() && account == null;
  }
}
