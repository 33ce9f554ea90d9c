package dev.custos.server.auth;

import dev.custos.core.macaroon.Permission;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a method demands of the caller: a macaroon granting every listed permission, or nothing. */
public sealed interface AccessRule {
  /**
   * No credential: only for the standard health service, which load balancers and supervisors
   * probe without one and which reveals nothing but SERVING / NOT_SERVING, and for {@code
   * Unlocker/Unlock}, which a locked server serves before it can verify any macaroon (the
   * passphrase is the credential).
   */
  record Open() implements AccessRule {}

  /** A macaroon that grants every one of {@code permissions} (never empty). */
  record Requires(Set<Permission> permissions) implements AccessRule {
    public Requires {
      if (permissions.isEmpty()) {
        throw new IllegalArgumentException("an access rule must require at least one permission");
      }
      permissions = Set.copyOf(permissions);
    }

    @Override
    public String toString() {
      return permissions.stream().map(Permission::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
    }
  }
}
