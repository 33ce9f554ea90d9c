package dev.custos.cli.approval;

import picocli.CommandLine.Option;

/**
 * The options of an approval or rejection signed elsewhere ({@code --signature SIG --format F
 * --approver KEY}), as {@code quorum approve|reject} and their remote forms take them. They are
 * handed in as given: the node checks the signature against the text it renders itself.
 */
public final class ExternalSignature {
  @Option(names = "--signature", required = true, paramLabel = "SIG", description = "The signature (base64 for bip137/bip322, hex for bip340).")
  public String signature;

  @Option(names = "--format", required = true, paramLabel = "F", description = "bip322, bip137 or bip340.")
  public String format;

  @Option(names = "--approver", required = true, paramLabel = "KEY", description = "The approver's registered key or address.")
  public String approver;
}
