package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.seal.Argon2Params;
import java.time.Duration;

/** The hidden {@code --kdf-profile} of the sealing cosigner commands: calibrated, or test (fast, insecure). */
final class KdfProfile {
  private KdfProfile() {}

  static Argon2Params params(CliContext ctx, String profile) throws CliException {
    return switch (profile) {
      case "calibrated" -> Argon2Params.calibrate(Duration.ofMillis(500), System::nanoTime);
      case "test" -> {
        ctx.stderr().println("custos: warning: --kdf-profile test makes the passphrase easy to brute-force; never use it for real funds");
        yield Argon2Params.TEST;
      }
      default -> throw CliException.badInput("--kdf-profile must be 'calibrated' or 'test'");
    };
  }
}
