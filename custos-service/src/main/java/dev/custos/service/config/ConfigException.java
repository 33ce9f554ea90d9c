package dev.custos.service.config;

/** The node configuration is invalid; the message names the file, line and key, never a secret value. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
