package dev.custos.service.policyfile;

import dev.custos.core.policy.Destination;

/**
 * An output descriptor used as a policy destination: either fixed ({@code addr(ADDRESS)},
 * {@code raw(HEX)}: one script) or a single ranged key ({@link RangedKeyDescriptor}: one script
 * per index).
 */
sealed interface DestinationDescriptor permits DestinationDescriptor.Fixed, RangedKeyDescriptor {
  /** {@code addr()} or {@code raw()}: exactly one script. */
  record Fixed(Destination destination) implements DestinationDescriptor {}
}
