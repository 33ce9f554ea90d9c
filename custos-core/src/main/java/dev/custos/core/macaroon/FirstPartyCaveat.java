package dev.custos.core.macaroon;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A first-party caveat: a condition (by convention UTF-8 text such as {@code time-before
 * 2026-01-01T00:00:00Z}) that the target service evaluates. Its bytes are chained into the
 * signature as {@code sig = HMAC(sig, condition)}.
 */
public record FirstPartyCaveat(byte[] identifier) implements Caveat {

  public FirstPartyCaveat {
    if (identifier == null) {
      throw new IllegalArgumentException("caveat condition must not be null");
    }
    identifier = identifier.clone();
  }

  public static FirstPartyCaveat of(String condition) {
    return new FirstPartyCaveat(condition.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] identifier() {
    return identifier.clone();
  }

  /** The condition as text (malformed UTF-8 is replaced, so it never matches a known caveat). */
  public String condition() {
    return new String(identifier, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirstPartyCaveat other && Arrays.equals(identifier, other.identifier);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(identifier);
  }

  @Override
  public String toString() {
    return "FirstPartyCaveat[" + condition() + "]";
  }
}
