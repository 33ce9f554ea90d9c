package dev.custos.core.macaroon;

import dev.custos.core.keys.KeyPath;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the Custos caveats of a verified macaroon (and its discharges) demand of the request, for
 * the policy engine to enforce on top of the policy. Caveats only narrow: the smallest maximum
 * wins, every destination set must admit each external output, and all account caveats name the
 * same account.
 *
 * @param maxAmountSat the smallest {@code custos-max-amount}, if any
 * @param destinationSets one set per {@code custos-destinations} caveat; an output must be in all
 * @param account the single account of the {@code custos-account} caveats, if any
 */
public record MacaroonConstraints(OptionalLong maxAmountSat, List<Set<String>> destinationSets, Optional<KeyPath> account) {
  public static final MacaroonConstraints NONE = new MacaroonConstraints(OptionalLong.empty(), List.of(), Optional.empty());

  public MacaroonConstraints {
    destinationSets = destinationSets.stream().map(Set::copyOf).toList();
  }

  /** Whether no Custos caveat constrains the request. */
  public boolean isEmpty() {
    return maxAmountSat.isEmpty() && destinationSets.isEmpty() && account.isEmpty();
  }
}
