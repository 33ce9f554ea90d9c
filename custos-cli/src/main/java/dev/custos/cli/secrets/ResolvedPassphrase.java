package dev.custos.cli.secrets;

import dev.custos.core.secret.SecretBytes;
import java.util.Optional;

/**
 * A passphrase as UTF-8 bytes, and an optional warning for the command to print on stderr (for
 * example a passphrase file readable by others). Close it to zeroize the passphrase.
 */
public record ResolvedPassphrase(SecretBytes passphrase, Optional<String> warning) implements AutoCloseable {

  public ResolvedPassphrase {
    if (passphrase == null || warning == null) {
      throw new IllegalArgumentException("passphrase and warning must not be null");
    }
  }

  @Override
  public void close() {
    passphrase.close();
  }
}
