package dev.custos.server.node;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.ExtendedPrivateKey;

/**
 * The master key and the audit key while the server is unlocked. Closed (zeroized) when the
 * server stops, after the last call has finished.
 */
public record UnlockedKeys(ExtendedPrivateKey master, AuditKey auditKey) implements AutoCloseable {
  @Override
  public void close() {
    auditKey.close();
    master.close();
  }

  @Override
  public String toString() {
    return "UnlockedKeys<secret>";
  }
}
