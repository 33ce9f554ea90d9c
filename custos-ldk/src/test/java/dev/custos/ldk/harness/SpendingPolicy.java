package dev.custos.ldk.harness;

import dev.custos.core.keys.Network;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import java.time.Clock;

/**
 * The spending policy of a harness node's wallet ("hot"), applied to its store: Lightning payments
 * draw on the same budget as on-chain spending (0.01 BTC per payment, 0.02 BTC a day).
 */
public final class SpendingPolicy {
  public static final String WALLET = "hot";
  public static final String YAML = """
      version: 1
      limits:
        max-per-transaction: 0.01 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.02 BTC}
      """;

  private SpendingPolicy() {}

  public static PaymentApprovals apply(Store store, Clock clock) {
    try {
      PolicyFile p = PolicyFile.parse(YAML, "harness.yaml", Network.REGTEST);
      store.write(tx -> {
        tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), clock.instant(), "harness"));
        return null;
      });
    } catch (PolicyFileException | StoreException e) {
      throw new IllegalStateException(e);
    }
    return new PaymentApprovals(store, text -> {
      try {
        return PolicyFile.parse(text, "applied policy", Network.REGTEST).policy();
      } catch (PolicyFileException e) {
        throw new IllegalStateException(e.getMessage());
      }
    }, WALLET, clock);
  }
}
