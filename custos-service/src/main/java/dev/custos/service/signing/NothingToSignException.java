package dev.custos.service.signing;

import java.util.List;

/**
 * No input of the PSBT belongs to the wallet: nothing was decided, debited or signed. Carries the
 * signer's notes (e.g. a key origin that claims the wallet but does not derive).
 */
public final class NothingToSignException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> notes;

  public NothingToSignException(String walletId, List<String> notes) {
    super("no input of this PSBT belongs to wallet " + walletId + ": nothing signed, nothing written");
    this.notes = List.copyOf(notes);
  }

  public List<String> notes() {
    return notes;
  }
}
