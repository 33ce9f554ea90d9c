package dev.custos.core.macaroon;

import dev.custos.core.keys.KeyPath;
import dev.custos.core.secret.SecretBytes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a macaroon (with its discharges) authorizes a request, as LND's macaroon service
 * does ({@code ValidateMacaroon}), in this order:
 *
 * <ol>
 *   <li>the identifier must decode as a {@link MacaroonId};
 *   <li>its storage id must name a root key ({@code rootKeys}; none = revoked or never minted);
 *   <li>the whole signature chain, root and discharges, must verify ({@link
 *       Macaroon#verifySignature}) before any caveat is evaluated;
 *   <li>every first-party caveat must hold: {@code time-before}, {@code ipaddr}, {@code iprange},
 *       the Custos caveats (collected into {@link MacaroonConstraints}), and {@code lnd-custom} or
 *       other conditions only if the {@link CaveatChecker} satisfies them; unknown means denied;
 *   <li>the identifier's operations must include every required permission, or {@code
 *       uri:<fullMethod>} (LND's per-method permission). An empty operation list or an empty
 *       requirement never authorizes.
 * </ol>
 *
 * <p>The location is not signed and not checked ({@code "lnd"} and any other are accepted).
 */
public final class Verifier {
  /** LND's entity for per-RPC permissions ({@code PermissionEntityCustomURI}). */
  public static final String URI_ENTITY = "uri";
  private static final int MAX_MESSAGE = 200;

  private final CaveatChecker extension;

  public Verifier(CaveatChecker extension) {
    this.extension = extension;
  }

  /**
   * @param rootKeys looks up the root key stored under a root key id; the verifier closes the
   *     returned secret, so the lookup must return a fresh copy
   */
  public Verification verify(
      Macaroon macaroon,
      List<Macaroon> discharges,
      Function<byte[], Optional<SecretBytes>> rootKeys,
      Set<Permission> required,
      RequestContext context) {
    MacaroonId id;
    try {
      id = MacaroonId.decode(macaroon.identifier());
    } catch (MacaroonFormatException e) {
      return new Verification.Denied(DenialReason.INVALID_IDENTIFIER, "verification failed: " + e.getMessage());
    }
    Optional<SecretBytes> rootKey = rootKeys.apply(id.storageId());
    if (rootKey.isEmpty()) {
      return new Verification.Denied(DenialReason.UNKNOWN_ROOT_KEY, "verification failed: root key id not found");
    }
    List<FirstPartyCaveat> conditions;
    try (SecretBytes key = rootKey.get()) {
      conditions = macaroon.verifySignature(key, discharges);
    } catch (MacaroonVerificationException e) {
      return new Verification.Denied(DenialReason.SIGNATURE_MISMATCH, "verification failed: " + e.getMessage());
    }
    Constraints constraints = new Constraints();
    for (FirstPartyCaveat caveat : conditions) {
      Optional<Verification.Denied> denied = check(caveat.condition(), context, constraints);
      if (denied.isPresent()) {
        return denied.get();
      }
    }
    Set<Permission> granted = new LinkedHashSet<>(id.ops());
    boolean uriGranted = context.fullMethod()
        .filter(m -> !m.isEmpty())
        .map(m -> granted.contains(new Permission(URI_ENTITY, m)))
        .orElse(false);
    if (granted.isEmpty() || required.isEmpty() || !(uriGranted || granted.containsAll(required))) {
      return new Verification.Denied(DenialReason.PERMISSION_DENIED, "permission denied");
    }
    return new Verification.Granted(id, granted, constraints.build());
  }

  private Optional<Verification.Denied> check(String text, RequestContext context, Constraints constraints) {
    return switch (Condition.parse(text)) {
      case Condition.TimeBefore t -> context.now().isBefore(t.deadline())
          ? Optional.empty()
          : denied(DenialReason.EXPIRED, "macaroon has expired");
      case Condition.IpAddr ip -> context.remoteAddress().filter(a -> sameAddress(a, ip.address())).isPresent()
          ? Optional.empty()
          : denied(DenialReason.IP_MISMATCH, "macaroon locked to different IP address");
      case Condition.IpRange range -> context.remoteAddress().filter(range::contains).isPresent()
          ? Optional.empty()
          : denied(DenialReason.IP_MISMATCH, "macaroon locked to different IP range");
      case Condition.MaxAmount max -> constraints.maxAmount(max.sat());
      case Condition.Destinations d -> constraints.destinations(d.entries());
      case Condition.Account a -> constraints.account(a.path());
      case Condition.Malformed m -> denied(DenialReason.CAVEAT_NOT_SATISFIED, "caveat not satisfied: " + m.reason());
      case Condition.LndCustom c -> extension(text, context);
      case Condition.Unrecognized u -> extension(text, context);
    };
  }

  private Optional<Verification.Denied> extension(String text, RequestContext context) {
    return switch (extension.check(text, context)) {
      case CaveatCheck.Satisfied s -> Optional.empty();
      case CaveatCheck.Unsatisfied u -> denied(DenialReason.CAVEAT_NOT_SATISFIED, "caveat not satisfied: " + u.reason());
      case CaveatCheck.Unknown u -> denied(DenialReason.CAVEAT_UNKNOWN,
          "caveat not satisfied: caveat \"" + IpLiterals.abbreviate(text) + "\" not recognized");
    };
  }

  private static boolean sameAddress(InetAddress a, InetAddress b) {
    return Arrays.equals(a.getAddress(), b.getAddress());
  }

  /** Caveat text comes from the client: messages quoting it are cut to a bounded length. */
  private static Optional<Verification.Denied> denied(DenialReason reason, String message) {
    String bounded = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    return Optional.of(new Verification.Denied(reason, bounded));
  }

  /** Accumulates Custos caveats; conflicting accounts deny. */
  private static final class Constraints {
    private OptionalLong maxAmount = OptionalLong.empty();
    private final List<Set<String>> destinations = new ArrayList<>();
    private Optional<KeyPath> account = Optional.empty();

    Optional<Verification.Denied> maxAmount(long sat) {
      maxAmount = OptionalLong.of(Math.min(sat, maxAmount.orElse(Long.MAX_VALUE)));
      return Optional.empty();
    }

    Optional<Verification.Denied> destinations(List<String> entries) {
      destinations.add(Set.copyOf(entries));
      return Optional.empty();
    }

    Optional<Verification.Denied> account(KeyPath path) {
      if (account.isPresent() && !account.get().equals(path)) {
        return denied(DenialReason.CAVEAT_NOT_SATISFIED,
            "caveat not satisfied: custos-account " + path + " conflicts with custos-account " + account.get());
      }
      account = Optional.of(path);
      return Optional.empty();
    }

    MacaroonConstraints build() {
      return new MacaroonConstraints(maxAmount, destinations, account);
    }
  }
}
