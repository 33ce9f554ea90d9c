package dev.custos.core.macaroon;

/**
 * The outcome of checking one first-party caveat. {@link Unknown} means the checker does not
 * understand the condition, and the verifier denies: an unknown caveat never passes.
 */
public sealed interface CaveatCheck {
  record Satisfied() implements CaveatCheck {}

  /** @param reason LND-style text such as "macaroon locked to different IP address" */
  record Unsatisfied(String reason) implements CaveatCheck {}

  record Unknown() implements CaveatCheck {}

  CaveatCheck SATISFIED = new Satisfied();
  CaveatCheck UNKNOWN = new Unknown();
}
