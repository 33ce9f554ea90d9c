package dev.custos.service.cosigner;

/**
 * A cosigner refused a round. The message starts with the refusal's tag and names identifiers,
 * sizes and hashes, never secrets.
 */
public final class CosignerRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final CosignerRefusal refusal;

  public CosignerRefusedException(CosignerRefusal refusal, String message) {
    super(refusal.tag() + ": " + message);
    this.refusal = refusal;
  }

  public CosignerRefusal refusal() {
    return refusal;
  }
}
