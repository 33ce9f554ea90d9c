package dev.custos.cli.commands;

import dev.custos.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code custos version}: the Custos version, the Java runtime, and the secp256k1 backend. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the Custos version.")
public final class VersionCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    for (String line : new Provider().getVersion()) {
      main.context().stdout().println(line);
    }
    return 0;
  }

  /** Version lines shared by {@code version} and {@code --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "custos " + (v == null ? "0.1.0-SNAPSHOT" : v),
        "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        "secp256k1 libsecp256k1 via fr.acinq.secp256k1 (JNI)"
      };
    }
  }
}
