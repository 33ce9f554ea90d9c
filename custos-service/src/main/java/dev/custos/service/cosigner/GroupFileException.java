package dev.custos.service.cosigner;

/**
 * A cosigner card, DKG plan or group file that does not parse or does not verify; the message
 * names the file's field or member and the problem (never a secret: these files hold none).
 */
public final class GroupFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public GroupFileException(String message) {
    super(message);
  }
}
