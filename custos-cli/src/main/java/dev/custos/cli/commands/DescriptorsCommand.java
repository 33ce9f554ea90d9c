package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.WalletFile;
import dev.custos.core.keys.Account;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos descriptors}: the output descriptors (BIP380-386, with key origin and checksum)
 * of every account, for watch-only wallets. Needs no passphrase.
 */
@Command(name = "descriptors", mixinStandardHelpOptions = true, description = "Print the output descriptors of each account (no passphrase needed).")
public final class DescriptorsCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    WalletFile w = Keystores.open(dataDir).wallet();
    var out = main.context().stdout();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      root.put("network", w.network().id());
      root.put("masterFingerprint", HexFormat.of().toHexDigits(w.masterFingerprint()));
      ArrayNode arr = root.putArray("accounts");
      for (Account a : w.accounts()) {
        ObjectNode n = arr.addObject();
        n.put("type", a.type().name());
        n.put("path", a.accountPath().toString());
        n.put("xpub", a.xpub().encode(w.network()));
        n.put("receive", a.descriptor(Account.RECEIVE));
        n.put("change", a.descriptor(Account.CHANGE));
        n.put("firstReceiveAddress", a.address(Account.RECEIVE, 0));
      }
      out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return 0;
    }
    out.printf("network %s, master fingerprint %08x%n", w.network().id(), w.masterFingerprint());
    for (Account a : w.accounts()) {
      out.println();
      out.println(a.type().name() + " " + a.accountPath() + "  first address " + a.address(Account.RECEIVE, 0));
      out.println("  receive: " + a.descriptor(Account.RECEIVE));
      out.println("  change:  " + a.descriptor(Account.CHANGE));
    }
    return 0;
  }
}
