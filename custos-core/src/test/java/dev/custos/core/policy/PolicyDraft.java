package dev.custos.core.policy;

import dev.custos.core.sign.ScriptType;
import fr.acinq.bitcoin.ByteVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A mutable copy of every {@link Policy} component, so a test can change exactly one field of a
 * baseline and build the policy again (the record's constructor still validates it).
 */
final class PolicyDraft {
  boolean unlimited;
  OptionalLong maxPerTransactionSat = OptionalLong.empty();
  List<VelocityLimit> velocity = new ArrayList<>();
  Optional<Map<ByteVector, Destination>> allowlist = Optional.empty();
  Map<ByteVector, Destination> denylist = new LinkedHashMap<>();
  boolean allowUnknownOutputScripts;
  OptionalLong maxFeeSat = OptionalLong.empty();
  OptionalDouble maxFeeRateSatPerVb = OptionalDouble.empty();
  OptionalDouble maxFeePercent = OptionalDouble.empty();
  List<TimeWindow> timeWindows = new ArrayList<>();
  Set<Integer> allowedSighashTypes = new LinkedHashSet<>(List.of(0, 1));
  boolean allowLocktime;
  Optional<Set<ScriptType>> inputScriptTypes = Optional.empty();
  Optional<Set<ScriptType>> outputScriptTypes = Optional.empty();
  OptionalLong approvalAboveSat = OptionalLong.empty();
  Set<PolicyTag> warnOnly = new LinkedHashSet<>();

  Policy build() {
    return new Policy(Policy.SCHEMA_VERSION, unlimited, maxPerTransactionSat, velocity, allowlist, denylist,
        allowUnknownOutputScripts, maxFeeSat, maxFeeRateSatPerVb, maxFeePercent, timeWindows, allowedSighashTypes,
        allowLocktime, inputScriptTypes, outputScriptTypes, approvalAboveSat, warnOnly);
  }

  /** Replaces the velocity limit of {@code scope}. */
  PolicyDraft velocity(VelocityLimit limit) {
    velocity.removeIf(v -> v.scope() == limit.scope());
    velocity.add(limit);
    return this;
  }

  /** Allowlists {@code script}, creating the allowlist if the policy has none. */
  PolicyDraft allow(Destination d) {
    Map<ByteVector, Destination> m = new LinkedHashMap<>(allowlist.orElse(Map.of()));
    m.put(d.script(), d);
    allowlist = Optional.of(m);
    return this;
  }
}
