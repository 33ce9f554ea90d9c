package dev.custos.service.policyfile;

import dev.custos.core.keys.Network;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.policy.TimeWindow;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.sign.ScriptType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Policy schema version 1 (docs/policy.md): reads the document's keys into the core
 * {@link Policy}. Every key is optional except {@code version}; an absent section sets no rule.
 * The core's own checks (the policy must bound spending or say {@code unlimited: true}) are
 * reported at the line of {@code unlimited}, else of {@code limits}, else line 1.
 */
final class PolicySchemaV1 {
  private static final Set<String> TOP = Set.of("version", "unlimited", "limits", "destinations", "outputs", "fees",
      "time-windows", "transaction", "approval", "warn-only");
  /** What a policy without a {@code transaction.sighash} list accepts: DEFAULT (0x00) and ALL (0x01). */
  private static final Set<Integer> DEFAULT_SIGHASH = Set.of(0x00, 0x01);
  private static final double MAX_FEE_RATE = 1_000_000;
  private static final double MAX_FEE_PERCENT = 100;
  private static final long MAX_COUNT = 1_000_000_000L;

  private PolicySchemaV1() {}

  static Policy read(YamlField root, Network network) throws PolicyFileException {
    YamlMapping doc = root.mapping(null);
    YamlField versionField = doc.required("version");
    long version = versionField.integer(Long.MAX_VALUE / 2);
    if (version != Policy.SCHEMA_VERSION) {
      throw versionField.error("unsupported policy version " + version + " (this Custos reads version " + Policy.SCHEMA_VERSION + ")");
    }
    root.mapping(TOP);

    Optional<YamlField> unlimitedField = doc.optional("unlimited");
    boolean unlimited = unlimitedField.isPresent() && unlimitedField.get().bool();

    OptionalLong maxPerTx = OptionalLong.empty();
    List<VelocityLimit> velocity = List.of();
    Optional<YamlField> limitsField = doc.optional("limits");
    if (limitsField.isPresent()) {
      YamlMapping limits = limitsField.get().mapping(Set.of("max-per-transaction", "velocity"));
      maxPerTx = amount(limits, "max-per-transaction");
      if (limits.optional("velocity").isPresent()) {
        velocity = velocity(limits.optional("velocity").get());
      }
    }

    DestinationLists.Lists destinations = DestinationLists.read(doc.optional("destinations"), network);

    boolean allowUnknownScripts = false;
    Optional<Set<ScriptType>> outputTypes = Optional.empty();
    if (doc.optional("outputs").isPresent()) {
      YamlMapping outputs = doc.optional("outputs").get().mapping(Set.of("allow-unknown-scripts", "script-types"));
      allowUnknownScripts = bool(outputs, "allow-unknown-scripts", false);
      outputTypes = set(outputs, "script-types", ScriptTypeNames::type);
    }

    OptionalLong maxFee = OptionalLong.empty();
    OptionalDouble maxFeeRate = OptionalDouble.empty();
    OptionalDouble maxFeePercent = OptionalDouble.empty();
    if (doc.optional("fees").isPresent()) {
      YamlMapping fees = doc.optional("fees").get().mapping(Set.of("max-absolute", "max-rate", "max-percent"));
      maxFee = amount(fees, "max-absolute");
      maxFeeRate = decimal(fees, "max-rate", MAX_FEE_RATE);
      maxFeePercent = decimal(fees, "max-percent", MAX_FEE_PERCENT);
    }

    List<TimeWindow> windows = List.of();
    if (doc.optional("time-windows").isPresent()) {
      windows = timeWindows(doc.optional("time-windows").get());
    }

    Set<Integer> sighash = DEFAULT_SIGHASH;
    boolean allowLocktime = false;
    Optional<Set<ScriptType>> inputTypes = Optional.empty();
    if (doc.optional("transaction").isPresent()) {
      YamlMapping tx = doc.optional("transaction").get().mapping(Set.of("sighash", "allow-locktime", "input-script-types"));
      sighash = set(tx, "sighash", SighashNames::value).orElse(DEFAULT_SIGHASH);
      allowLocktime = bool(tx, "allow-locktime", false);
      inputTypes = set(tx, "input-script-types", ScriptTypeNames::type);
    }

    OptionalLong approvalAbove = OptionalLong.empty();
    if (doc.optional("approval").isPresent()) {
      approvalAbove = amount(doc.optional("approval").get().mapping(Set.of("above-amount")), "above-amount");
    }

    Set<PolicyTag> warnOnly = set(doc, "warn-only", KnownTags::tag).orElse(Set.of());

    try {
      return new Policy(Policy.SCHEMA_VERSION, unlimited, maxPerTx, velocity, destinations.allow(), destinations.deny(),
          allowUnknownScripts, maxFee, maxFeeRate, maxFeePercent, windows, sighash, allowLocktime, inputTypes, outputTypes,
          approvalAbove, warnOnly, destinations.books());
    } catch (IllegalArgumentException e) {
      throw unlimitedField.or(() -> limitsField).orElse(root).error(e.getMessage());
    }
  }

  private static List<VelocityLimit> velocity(YamlField field) throws PolicyFileException {
    List<VelocityLimit> limits = new ArrayList<>();
    for (YamlField item : field.list()) {
      YamlMapping v = item.mapping(Set.of("window", "per", "max-amount", "max-count"));
      Duration window = v.required("window").parse(DurationText::parse);
      VelocityLimit.Scope scope = v.required("per").parse(PolicySchemaV1::scope);
      OptionalLong maxAmount = amount(v, "max-amount");
      OptionalLong maxCount = v.optional("max-count").isPresent()
          ? OptionalLong.of(v.optional("max-count").get().integer(MAX_COUNT)) : OptionalLong.empty();
      try {
        limits.add(new VelocityLimit(scope, window, maxAmount, maxCount));
      } catch (IllegalArgumentException e) {
        throw item.error(e.getMessage());
      }
    }
    return limits;
  }

  private static VelocityLimit.Scope scope(String text) {
    for (VelocityLimit.Scope s : VelocityLimit.Scope.values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(Quoted.of(text) + " is not a velocity scope (use wallet, credential or destination)");
  }

  private static List<TimeWindow> timeWindows(YamlField field) throws PolicyFileException {
    List<TimeWindow> windows = new ArrayList<>();
    for (YamlField item : field.list()) {
      YamlMapping w = item.mapping(Set.of("days", "hours"));
      YamlField daysField = w.required("days");
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      if (daysField.node() instanceof SequenceNode) {
        days.addAll(set(daysField, TimeWindowText::day));
      } else {
        days.addAll(daysField.parse(TimeWindowText::dayRange));
      }
      TimeWindowText.Hours hours = w.optional("hours").isPresent()
          ? w.optional("hours").get().parse(TimeWindowText::hours) : TimeWindowText.Hours.WHOLE_DAY;
      try {
        windows.add(new TimeWindow(days, hours.from(), hours.to()));
      } catch (IllegalArgumentException e) {
        throw item.error(e.getMessage());
      }
    }
    return windows;
  }

  private static OptionalLong amount(YamlMapping m, String key) throws PolicyFileException {
    Optional<YamlField> f = m.optional(key);
    return f.isPresent() ? OptionalLong.of(f.get().parse(AmountText::parseSat)) : OptionalLong.empty();
  }

  private static OptionalDouble decimal(YamlMapping m, String key, double max) throws PolicyFileException {
    Optional<YamlField> f = m.optional(key);
    return f.isPresent() ? OptionalDouble.of(f.get().decimal(max)) : OptionalDouble.empty();
  }

  private static boolean bool(YamlMapping m, String key, boolean absent) throws PolicyFileException {
    Optional<YamlField> f = m.optional(key);
    return f.isPresent() ? f.get().bool() : absent;
  }

  /** The set under {@code key}; an empty list is refused (it would refuse every transaction), except for warn-only. */
  private static <T> Optional<Set<T>> set(YamlMapping m, String key, Function<String, T> parser) throws PolicyFileException {
    Optional<YamlField> f = m.optional(key);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Set<T> values = set(f.get(), parser);
    if (values.isEmpty() && !key.equals("warn-only")) {
      throw f.get().error("an empty list would refuse every transaction; list at least one value or leave the key out");
    }
    return Optional.of(values);
  }

  /** A list of distinct values; a repeated value is refused at its line. */
  private static <T> Set<T> set(YamlField field, Function<String, T> parser) throws PolicyFileException {
    Set<T> values = new LinkedHashSet<>();
    for (YamlField item : field.list()) {
      if (!values.add(item.parse(parser))) {
        throw item.error(Quoted.of(item.text()) + " is listed twice");
      }
    }
    return values;
  }

  /** {@code 2.5}, {@code 100}: a number as the schema prints it. */
  static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
