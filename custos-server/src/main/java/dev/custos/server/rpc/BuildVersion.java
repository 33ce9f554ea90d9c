package dev.custos.server.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into {@code custos-server.properties} at build time. */
final class BuildVersion {
  static final String VERSION = load();

  private BuildVersion() {}

  private static String load() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("/custos-server.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
