package dev.custos.core.macaroon;

/**
 * One caveat of a macaroon. A {@link FirstPartyCaveat} holds a condition the target service checks
 * itself; a {@link ThirdPartyCaveat} must be discharged by another service (libmacaroons
 * doc/format.txt; go-macaroon {@code Caveat}).
 */
public sealed interface Caveat permits FirstPartyCaveat, ThirdPartyCaveat {

  /** The caveat identifier (the condition of a first-party caveat); a copy. */
  byte[] identifier();
}
