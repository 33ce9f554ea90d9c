package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.service.cosigner.GroupDescriptor;
import dev.custos.service.cosigner.GroupFile;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner descriptor}: the group's descriptors for a watch-only wallet, from a
 * verified group file: {@code tr(<internal key>)} (the wallet applies the BIP86 tweak itself),
 * {@code rawtr(<output key>)}, and the address.
 */
@Command(name = "descriptor", mixinStandardHelpOptions = true, description = "Print the group's tr() descriptor and address.")
public final class CosignerDescriptorCommand implements Callable<Integer> {
  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--group", required = true, paramLabel = "FILE", description = "A group file (group.json).")
  Path groupFile;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.main.context();
    GroupFile group = CosignerDirectory.readGroup(groupFile, CosignerDirectory.readFile(groupFile, "group file"));
    GroupDescriptor d = GroupDescriptor.of(group);
    ctx.stdout().println("tr:           " + d.tr());
    ctx.stdout().println("rawtr:        " + d.rawtr());
    ctx.stdout().println("address:      " + d.address());
    ctx.stdout().println("internal key: " + HexFormat.of().formatHex(group.internalKey()));
    ctx.stdout().println("output key:   " + HexFormat.of().formatHex(group.outputKey()));
    return 0;
  }
}
