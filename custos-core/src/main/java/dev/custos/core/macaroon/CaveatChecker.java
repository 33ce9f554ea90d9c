package dev.custos.core.macaroon;

/**
 * Extension point for conditions the {@link Verifier} does not evaluate itself: every
 * {@code lnd-custom ...} condition and every unrecognized one are offered here, with the full
 * condition text. Returning {@link CaveatCheck.Unknown} (as {@link #NONE} always does) denies.
 */
@FunctionalInterface
public interface CaveatChecker {
  CaveatChecker NONE = (condition, context) -> CaveatCheck.UNKNOWN;

  CaveatCheck check(String condition, RequestContext context);
}
