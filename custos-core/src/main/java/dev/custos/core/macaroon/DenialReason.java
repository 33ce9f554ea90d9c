package dev.custos.core.macaroon;

/** Why a macaroon was refused; a closed set with stable tags for the audit log. */
public enum DenialReason {
  /** The identifier is not an LND/Custos {@link MacaroonId}. */
  INVALID_IDENTIFIER("macaroon-invalid-identifier"),
  /** No root key is stored under the identifier's root key id (never minted, or deleted = revoked). */
  UNKNOWN_ROOT_KEY("macaroon-unknown-root-key"),
  /** The signature chain (root or discharges) does not verify. */
  SIGNATURE_MISMATCH("macaroon-signature-mismatch"),
  /** A {@code time-before} caveat has passed. */
  EXPIRED("macaroon-expired"),
  /** An {@code ipaddr} or {@code iprange} caveat excludes the peer. */
  IP_MISMATCH("macaroon-ip-mismatch"),
  /** A caveat evaluated to false or is malformed. */
  CAVEAT_NOT_SATISFIED("macaroon-caveat-not-satisfied"),
  /** A caveat nobody understands. */
  CAVEAT_UNKNOWN("macaroon-caveat-unknown"),
  /** The macaroon does not grant every required permission (or grants none). */
  PERMISSION_DENIED("macaroon-permission-denied");

  private final String tag;

  DenialReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
