package dev.custos.core.frost;

import java.util.Arrays;

/**
 * A participant's round-one output (RFC 9591 §5.1): its identifier and the commitments {@code G *
 * hiding_nonce} and {@code G * binding_nonce}. Public; sent to the coordinator.
 *
 * <p>Wire encoding (98 bytes): {@code SerializeScalar(identifier) || SerializeElement(hiding) ||
 * SerializeElement(binding)}, the same layout as one entry of RFC 9591's
 * {@code encode_group_commitment_list}.
 */
public record SigningCommitments(Identifier identifier, GroupElement hiding, GroupElement binding) {
  public static final int ENCODED_LENGTH = 98;

  public SigningCommitments {
    if (identifier == null || hiding == null || binding == null) {
      throw new IllegalArgumentException("commitment fields must not be null");
    }
  }

  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    System.arraycopy(identifier.encode(), 0, out, 0, 32);
    System.arraycopy(hiding.encode(), 0, out, 32, 33);
    System.arraycopy(binding.encode(), 0, out, 65, 33);
    return out;
  }

  /** Strict inverse of {@link #encode()}: exact length, canonical scalar and points. */
  public static SigningCommitments decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != ENCODED_LENGTH) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING,
          "signing commitments must be " + ENCODED_LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new SigningCommitments(
        Identifier.decode(Arrays.copyOfRange(bytes, 0, 32)),
        GroupElement.decode(Arrays.copyOfRange(bytes, 32, 65)),
        GroupElement.decode(Arrays.copyOfRange(bytes, 65, 98)));
  }
}
