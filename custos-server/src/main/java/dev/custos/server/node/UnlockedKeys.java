package dev.custos.server.node;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.RootKeyVault;
import java.util.List;

/**
 * What the seed opens while the server is unlocked: the master key, the signing keys derived from
 * it once ({@link BranchSigningKeys}, so that a request does not derive from the master), the
 * audit key (checkpoints), the vault of the macaroon root keys (baking macaroons) and the root
 * keys it has opened ({@link OpenedRootKeys}, verifying macaroons). Closed (zeroized) when the
 * server stops, after the last call has finished.
 */
public record UnlockedKeys(ExtendedPrivateKey master, BranchSigningKeys signingKeys, AuditKey auditKey, RootKeyVault rootKeyVault,
    OpenedRootKeys openedRootKeys) implements AutoCloseable {
  /**
   * Derives the signing keys of {@code accounts}, the audit key and the root-key vault from {@code
   * master}, which this object then owns.
   */
  static UnlockedKeys of(ExtendedPrivateKey master, List<Account> accounts) {
    BranchSigningKeys signing = null;
    AuditKey audit = null;
    try {
      signing = BranchSigningKeys.derive(master, accounts);
      audit = AuditKey.derive(master);
      RootKeyVault vault = RootKeyVault.derive(master);
      return new UnlockedKeys(master, signing, audit, vault, new OpenedRootKeys(vault));
    } catch (RuntimeException e) {
      if (audit != null) {
        audit.close();
      }
      if (signing != null) {
        signing.close();
      }
      master.close();
      throw e;
    }
  }

  @Override
  public void close() {
    openedRootKeys.close();
    rootKeyVault.close();
    auditKey.close();
    signingKeys.close();
    master.close();
  }

  @Override
  public String toString() {
    return "UnlockedKeys<secret>";
  }
}
