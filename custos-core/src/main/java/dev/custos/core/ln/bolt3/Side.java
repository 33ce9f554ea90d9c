package dev.custos.core.ln.bolt3;

/** Which node: the one this signer holds keys for, or its peer. */
public enum Side {
  HOLDER,
  COUNTERPARTY;

  public Side other() {
    return this == HOLDER ? COUNTERPARTY : HOLDER;
  }
}
