package dev.custos.service.signing;

import dev.custos.core.policy.Policy;

/** Turns an applied policy document back into the core model (the YAML reader, injected). */
@FunctionalInterface
public interface PolicyParser {
  /** @throws IllegalStateException when a stored policy no longer parses (the node fails closed) */
  Policy parse(String text);
}
