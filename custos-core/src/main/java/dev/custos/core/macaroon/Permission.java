package dev.custos.core.macaroon;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One operation a macaroon grants: LND's {@code bakery.Op{Entity, Action}}, written
 * {@code entity:action} (e.g. {@code onchain:read}). Ordered as Go orders strings (by UTF-8 bytes),
 * entity first, which is the order of bakery's {@code CanonicalOps}.
 */
public record Permission(String entity, String action) implements Comparable<Permission> {

  public Permission {
    if (entity == null || action == null || entity.isEmpty() || action.isEmpty()) {
      throw new IllegalArgumentException("permission needs a non-empty entity and action");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(entity) || !StandardCharsets.UTF_8.newEncoder().canEncode(action)) {
      throw new IllegalArgumentException("permission entity and action must be well-formed Unicode");
    }
  }

  /** Parses {@code entity:action}; the action may itself contain colons (LND's uri entity). */
  public static Permission parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("permission '" + text + "' is not entity:action");
    }
    return new Permission(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public int compareTo(Permission o) {
    int c = compareUtf8(entity, o.entity);
    return c != 0 ? c : compareUtf8(action, o.action);
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return entity + ":" + action;
  }
}
