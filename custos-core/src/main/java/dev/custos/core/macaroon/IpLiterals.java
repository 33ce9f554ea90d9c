package dev.custos.core.macaroon;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals as Go's {@code net.ParseIP} reads and {@code net.IP.String} writes them,
 * without any name lookup: dotted-quad IPv4 (no leading zeros) or IPv6 (RFC 4291 text, no zone,
 * no brackets); IPv4-mapped IPv6 addresses are the IPv4 address. IPv6 is written in the RFC 5952
 * canonical form Go uses.
 */
final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  private IpLiterals() {}

  static InetAddress parse(String text) {
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        b[i] = (byte) Integer.parseInt(parts[i]);
      }
      return byAddress(b);
    }
    if (text.indexOf(':') >= 0 && text.indexOf('%') < 0 && text.indexOf('[') < 0 && text.length() <= 45) {
      return Inet6Address.ofLiteral(text);
    }
    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not an IP address");
  }

  static InetAddress byAddress(byte[] address) {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("IP address must have 4 or 16 bytes");
    }
  }

  static String format(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(i, j);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
