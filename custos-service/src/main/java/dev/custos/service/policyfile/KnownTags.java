package dev.custos.service.policyfile;

import dev.custos.core.policy.CredentialLimits;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.policy.VelocityLimit;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tags {@code warn-only} may name: every rule tag {@link PolicyTag} declares, and the six
 * velocity tags ({@code policy-velocity-<wallet|credential|destination>-<amount|count>}).
 * {@code policy-none-applied} is not among them: with no policy there is nothing to demote it;
 * nor are the macaroon tags of {@link CredentialLimits}: a caveat is the credential's restriction.
 * Read from PolicyTag's constants so a tag added to the core is accepted without a change here.
 */
final class KnownTags {
  static final Set<PolicyTag> WARNABLE = warnable();

  private KnownTags() {}

  static PolicyTag tag(String text) {
    if (text.equals(PolicyTag.NONE_APPLIED.value())) {
      throw new IllegalArgumentException(Quoted.of(text) + " cannot be warn-only (it applies when there is no policy)");
    }
    if (CredentialLimits.TAGS.stream().anyMatch(t -> t.value().equals(text))) {
      throw new IllegalArgumentException(Quoted.of(text) + " cannot be warn-only (it enforces a macaroon caveat, which a policy cannot relax)");
    }
    for (PolicyTag tag : WARNABLE) {
      if (tag.value().equals(text)) {
        return tag;
      }
    }
    throw new IllegalArgumentException(Quoted.of(text) + " is not a policy tag (see the tag list in docs/policy.md)");
  }

  private static Set<PolicyTag> warnable() {
    Set<PolicyTag> tags = new TreeSet<>();
    for (Field f : PolicyTag.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == PolicyTag.class) {
        try {
          tags.add((PolicyTag) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("PolicyTag constants are public", e);
        }
      }
    }
    tags.remove(PolicyTag.NONE_APPLIED);
    for (VelocityLimit.Scope scope : VelocityLimit.Scope.values()) {
      tags.add(PolicyTag.velocity(scope, true));
      tags.add(PolicyTag.velocity(scope, false));
    }
    return Set.copyOf(tags);
  }
}
