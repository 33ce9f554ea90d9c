package dev.custos.service.signing;

import dev.custos.core.policy.Policy;

/**
 * A {@link PolicyParser} that remembers the last document it parsed: the applied policy changes
 * rarely and is read for every decision, so it is parsed once per applied text rather than once
 * per signature. The key is the whole stored text, compared exactly, so a newly applied policy is
 * always parsed afresh; {@link Policy} is immutable, so sharing it between threads is safe. A
 * text that fails to parse is not remembered (every decision fails closed again).
 */
final class LastParsedPolicy implements PolicyParser {
  private record Parsed(String text, Policy policy) {}

  private final PolicyParser parser;
  private volatile Parsed last;

  LastParsedPolicy(PolicyParser parser) {
    this.parser = parser;
  }

  @Override
  public Policy parse(String text) {
    Parsed p = last;
    if (p != null && p.text().equals(text)) {
      return p.policy();
    }
    Policy policy = parser.parse(text);
    last = new Parsed(text, policy);
    return policy;
  }
}
