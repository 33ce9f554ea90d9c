package dev.custos.core.policy;

import dev.custos.core.sign.ScriptType;
import fr.acinq.bitcoin.ByteVector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A validated spending policy (schema version 1; the YAML form is documented in docs/policy.md).
 *
 * <p>Semantics (see {@link PolicyEvaluator}): every rule is checked; a violated rule listed in
 * {@code warnOnly} only warns; otherwise any violation of a deny rule gives DENY; otherwise any
 * crossed approval threshold gives PENDING_APPROVAL; otherwise ALLOW. A policy must bound the
 * amount leaving (a per-transaction maximum and a wallet amount velocity limit) unless it says
 * {@code unlimited} explicitly.
 *
 * @param allowlist when present, every external output must pay one of these scripts
 * @param denylist external outputs paying these scripts are denied
 * @param allowUnknownOutputScripts outputs without an address form (OP_RETURN, non-standard)
 * @param allowedSighashTypes sighash types inputs may request (default {0, 1})
 * @param allowLocktime whether a non-zero nLockTime is accepted
 * @param inputScriptTypes when present, inputs must be of these types
 * @param outputScriptTypes when present, external outputs must be of these types
 * @param approvalAboveSat amount leaving above which a human must approve
 * @param warnOnly tags whose violations are reported but not enforced (staged roll-out)
 * @param addressBooks the named address books of the document ({@code destinations.address-books}),
 *     each as the set of scripts it expands to; macaroon {@code custos-destinations} caveats name
 *     them as {@code book:<name>} ({@link CredentialLimits})
 */
public record Policy(
    int version,
    boolean unlimited,
    OptionalLong maxPerTransactionSat,
    List<VelocityLimit> velocity,
    Optional<Map<ByteVector, Destination>> allowlist,
    Map<ByteVector, Destination> denylist,
    boolean allowUnknownOutputScripts,
    OptionalLong maxFeeSat,
    OptionalDouble maxFeeRateSatPerVb,
    OptionalDouble maxFeePercent,
    List<TimeWindow> timeWindows,
    Set<Integer> allowedSighashTypes,
    boolean allowLocktime,
    Optional<Set<ScriptType>> inputScriptTypes,
    Optional<Set<ScriptType>> outputScriptTypes,
    OptionalLong approvalAboveSat,
    Set<PolicyTag> warnOnly,
    Map<String, Set<ByteVector>> addressBooks) {

  public static final int SCHEMA_VERSION = 1;

  public Policy {
    if (version != SCHEMA_VERSION) {
      throw new IllegalArgumentException("unsupported policy version " + version + " (expected " + SCHEMA_VERSION + ")");
    }
    velocity = List.copyOf(velocity);
    allowlist = allowlist.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    denylist = Collections.unmodifiableMap(new LinkedHashMap<>(denylist));
    timeWindows = List.copyOf(timeWindows);
    allowedSighashTypes = Set.copyOf(allowedSighashTypes);
    inputScriptTypes = inputScriptTypes.map(Set::copyOf);
    outputScriptTypes = outputScriptTypes.map(Set::copyOf);
    warnOnly = Set.copyOf(warnOnly);
    Map<String, Set<ByteVector>> books = new LinkedHashMap<>();
    addressBooks.forEach((name, scripts) -> books.put(name, Set.copyOf(scripts)));
    addressBooks = Collections.unmodifiableMap(books);
    boolean walletVelocityAmount =
        velocity.stream().anyMatch(v -> v.scope() == VelocityLimit.Scope.WALLET && v.maxAmountSat().isPresent());
    boolean boundsAmount = maxPerTransactionSat.isPresent() && walletVelocityAmount;
    if (!unlimited && !boundsAmount) {
      throw new IllegalArgumentException("policy does not bound spending: set max-per-transaction and a wallet velocity "
          + "max-amount, or write 'unlimited: true' to allow unlimited spending explicitly");
    }
    if (unlimited && boundsAmount) {
      // A partial bound (say, a per-transaction cap without a window) still leaves total spending
      // unbounded, so it needs 'unlimited: true'; a full bound makes the flag a contradiction.
      throw new IllegalArgumentException("'unlimited: true' contradicts the amount limits it sets "
          + "(max-per-transaction and a wallet velocity max-amount): remove it");
    }
    for (long v : new long[] {maxPerTransactionSat.orElse(0), maxFeeSat.orElse(0), approvalAboveSat.orElse(0)}) {
      if (v < 0) {
        throw new IllegalArgumentException("amounts must not be negative");
      }
    }
  }

  /** A policy without address books (every component but {@code addressBooks}). */
  public Policy(int version, boolean unlimited, OptionalLong maxPerTransactionSat, List<VelocityLimit> velocity,
      Optional<Map<ByteVector, Destination>> allowlist, Map<ByteVector, Destination> denylist, boolean allowUnknownOutputScripts,
      OptionalLong maxFeeSat, OptionalDouble maxFeeRateSatPerVb, OptionalDouble maxFeePercent, List<TimeWindow> timeWindows,
      Set<Integer> allowedSighashTypes, boolean allowLocktime, Optional<Set<ScriptType>> inputScriptTypes,
      Optional<Set<ScriptType>> outputScriptTypes, OptionalLong approvalAboveSat, Set<PolicyTag> warnOnly) {
    this(version, unlimited, maxPerTransactionSat, velocity, allowlist, denylist, allowUnknownOutputScripts, maxFeeSat,
        maxFeeRateSatPerVb, maxFeePercent, timeWindows, allowedSighashTypes, allowLocktime, inputScriptTypes,
        outputScriptTypes, approvalAboveSat, warnOnly, Map.of());
  }
}
