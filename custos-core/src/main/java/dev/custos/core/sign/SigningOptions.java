package dev.custos.core.sign;

import java.util.Set;

/**
 * What the signer may do beyond the safe defaults.
 *
 * @param allowedSighashTypes sighash types accepted when a PSBT asks for one; the default is
 *     {@code {SIGHASH_DEFAULT (0, taproot only), SIGHASH_ALL (1)}}. Anything else (NONE, SINGLE,
 *     ANYONECANPAY) lets others change the transaction after we sign and must be opted into.
 */
public record SigningOptions(Set<Integer> allowedSighashTypes) {
  public static final int SIGHASH_DEFAULT = 0;
  public static final int SIGHASH_ALL = 1;
  public static final SigningOptions DEFAULTS = new SigningOptions(Set.of(SIGHASH_DEFAULT, SIGHASH_ALL));

  public SigningOptions {
    allowedSighashTypes = Set.copyOf(allowedSighashTypes);
  }
}
