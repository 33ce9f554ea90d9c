package dev.custos.server.node;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.RootKeyVault;

/**
 * What the seed opens while the server is unlocked: the master key (signing), the audit key
 * (checkpoints) and the vault of the macaroon root keys (verifying and baking macaroons). Closed
 * (zeroized) when the server stops, after the last call has finished.
 */
public record UnlockedKeys(ExtendedPrivateKey master, AuditKey auditKey, RootKeyVault rootKeyVault) implements AutoCloseable {
  /** Derives the audit key and the root-key vault from {@code master}, which this object then owns. */
  static UnlockedKeys of(ExtendedPrivateKey master) {
    return new UnlockedKeys(master, AuditKey.derive(master), RootKeyVault.derive(master));
  }

  @Override
  public void close() {
    rootKeyVault.close();
    auditKey.close();
    master.close();
  }

  @Override
  public String toString() {
    return "UnlockedKeys<secret>";
  }
}
