package dev.custos.core.frost;

/**
 * A DKG result that every participant has certified ({@link DkgCeremony#confirm}): the only form
 * in which a ceremony hands out a usable key. {@link #keyPackage()} and {@link #publicKeyPackage()}
 * are the <em>internal</em> key (what a cosigner seals, refreshes and repairs); signing always
 * uses the BIP341 output key {@link #outputKeyPackage()}: the internal key tweaked with
 * {@link TaprootTweak#keyPathOnly()}, which commits to an unspendable script path (BIP86).
 * Closing zeroizes the internal share.
 *
 * <p><b>Warning:</b> never sign with the internal key package: funds are locked to the output key.
 */
public record CertifiedKey(KeyPackage keyPackage, PublicKeyPackage publicKeyPackage, byte[] transcriptHash)
    implements AutoCloseable {

  public CertifiedKey {
    if (keyPackage == null || publicKeyPackage == null || transcriptHash == null || transcriptHash.length != 32) {
      throw new IllegalArgumentException("certified key needs a key package, a public key package and a 32-byte transcript hash");
    }
    transcriptHash = transcriptHash.clone();
  }

  @Override
  public byte[] transcriptHash() {
    return transcriptHash.clone();
  }

  /** The signing key for the taproot output key; the caller closes it. */
  public KeyPackage outputKeyPackage() throws FrostException {
    return TaprootTweak.keyPathOnly().applyTo(keyPackage);
  }

  /** Everyone's verifying shares and the group key, for the taproot output key. */
  public PublicKeyPackage outputPublicKeyPackage() throws FrostException {
    return TaprootTweak.keyPathOnly().applyTo(publicKeyPackage);
  }

  @Override
  public void close() {
    keyPackage.close();
  }
}
