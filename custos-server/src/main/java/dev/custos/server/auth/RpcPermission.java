package dev.custos.server.auth;

/**
 * One operation a credential must grant, written {@code entity:action} in LND's vocabulary
 * ({@code info:read}, {@code onchain:read}, {@code signer:generate}) plus Custos entities
 * ({@code policy}, {@code audit}). The same shape as a macaroon's {@code Op{entity, actions}}.
 */
public record RpcPermission(String entity, String action) {
  public RpcPermission {
    if (!entity.matches("[a-z][a-z0-9_-]*") || !action.matches("[a-z][a-z0-9_-]*")) {
      throw new IllegalArgumentException("permission must be entity:action in lower case, got " + entity + ":" + action);
    }
  }

  /** Parses {@code entity:action}. */
  public static RpcPermission parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("permission must be entity:action, got " + text);
    }
    return new RpcPermission(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return entity + ":" + action;
  }
}
