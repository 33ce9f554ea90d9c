package dev.custos.service.signing;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Verdict;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import dev.custos.core.testkit.TestWallets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child JVM of {@link CrashRecoveryTest}: asks to sign PSBT #0..#n-1 in order through the real
 * workflow on a SQLite store and prints {@code RELEASED <i> <txid> <amount>} (flushed) only after
 * the signed PSBT came back — i.e. exactly what a client would have received. The parent kills it
 * with SIGKILL at random moments.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    String db = args[0];
    int count = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
        AuditKey auditKey = AuditKey.derive(master);
        Store store = StoreFactory.open("jdbc:sqlite:" + db)) {
      List<Account> accounts = new ArrayList<>();
      for (AccountType t : AccountType.values()) {
        accounts.add(Account.derive(master, t, Network.REGTEST, 0));
      }
      WalletContext wallet = new WalletContext(Network.REGTEST, new WalletView(master.fingerprint(), accounts));
      SigningWorkflow flow = new SigningWorkflow(store, CrashChild::parse, Clock.systemUTC(), new SecureRandom(), 10);
      out.println("READY");
      for (int i = 0; i < count; i++) {
        var psbt = CrashPsbts.spend(accounts.get(2), i);
        SignOutcome o = flow.sign(psbt, wallet, new HdSigningKeys(master), auditKey, "local:crash-test");
        if (o.decision().verdict() == Verdict.ALLOW && o.psbt().isPresent()) {
          out.println("RELEASED " + i + " " + o.analysis().unsignedTxid() + " " + o.analysis().amountLeavingSat());
        } else {
          out.println("NOT-RELEASED " + i + " " + o.decision().verdict());
        }
      }
      out.println("DONE");
    }
  }

  static dev.custos.core.policy.Policy parse(String text) {
    try {
      return PolicyFile.parse(text, "applied", Network.REGTEST).policy();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage());
    }
  }
}
