package dev.custos.cli.serve;

import dev.custos.cli.CliException;

/** A listen address {@code HOST:PORT} ({@code [::1]:10019} for IPv6); port 0 picks a free port. */
public record HostPort(String host, int port) {
  public static HostPort parse(String option, String text) throws CliException {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw CliException.badInput(option + " must be HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw CliException.badInput(option + " port must be 0-65535, got " + port);
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw CliException.badInput(option + " port must be a number, got '" + text.substring(colon + 1) + "'");
    }
  }

  /** {@code host:port} of a bound address, {@code [v6]:port} for IPv6, as {@link #parse} reads it. */
  public static String text(java.net.InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
