package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import java.util.List;

/**
 * How a sweep spends one BOLT 3 output: the witness stack before the witness script, and the
 * nSequence / nLockTime the script demands. Each record names the BOLT 3 section it implements.
 * Signatures passed to {@link #stack} carry their sighash byte.
 */
public sealed interface SpendPath {
  long RBF_SEQUENCE = 0xfffffffdL;

  /** nSequence of the spending input. */
  long sequence();

  /** nLockTime of the sweep. */
  default long lockTime() {
    return 0;
  }

  /** Whether the path needs a signature. */
  default boolean signed() {
    return true;
  }

  /** The witness items before the witness script (the P2WPKH path has no script). */
  List<ByteVector> stack(ByteVector signature);

  /** {@code to_local} or an HTLC transaction output by its owner: {@code <local_delayedsig> <>}. */
  record DelayedToLocal(int toSelfDelay) implements SpendPath {
    public long sequence() {
      return toSelfDelay;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, ByteVector.empty);
    }
  }

  /** A revoked {@code to_local} or HTLC transaction output: {@code <revocation_sig> 1}. */
  record RevokedToLocal() implements SpendPath {
    public long sequence() {
      return RBF_SEQUENCE;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, new ByteVector(new byte[] {1}));
    }
  }

  /** A revoked commitment's HTLC output: {@code <revocation_sig> <revocationpubkey>}. */
  record RevokedHtlc(PublicKey revocationKey) implements SpendPath {
    public long sequence() {
      return RBF_SEQUENCE;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, revocationKey.value);
    }
  }

  /** static_remotekey {@code to_remote} (P2WPKH): {@code <sig> <remotepubkey>}, no script. */
  record ToRemoteP2wpkh(PublicKey remotePaymentKey) implements SpendPath {
    public long sequence() {
      return RBF_SEQUENCE;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, remotePaymentKey.value);
    }
  }

  /** option_anchors {@code to_remote}: {@code <remote_sig>} with nSequence 1. */
  record ToRemoteAnchors() implements SpendPath {
    public long sequence() {
      return 1;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig);
    }
  }

  /**
   * An HTLC the broadcaster offered, claimed by the other node from the broadcaster's
   * commitment: {@code <remotehtlcsig> <payment_preimage>} (nSequence 1 with anchors).
   */
  record OfferedHtlcPreimage(ChannelType type, ByteVector32 preimage) implements SpendPath {
    public long sequence() {
      return type.hasAnchors() ? 1 : RBF_SEQUENCE;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, preimage);
    }
  }

  /**
   * An HTLC the broadcaster received, timed out by the other node from the broadcaster's
   * commitment: {@code <remotehtlcsig> <>}, nLockTime {@code cltv_expiry} (nSequence 1 with
   * anchors).
   */
  record ReceivedHtlcTimeout(ChannelType type, long cltvExpiry) implements SpendPath {
    public long sequence() {
      return type.hasAnchors() ? 1 : RBF_SEQUENCE;
    }

    @Override
    public long lockTime() {
      return cltvExpiry;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig, ByteVector.empty);
    }
  }

  /** An anchor by its funding key owner: {@code <local_sig/remote_sig>}. */
  record Anchor() implements SpendPath {
    public long sequence() {
      return RBF_SEQUENCE;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(sig);
    }
  }

  /** An anchor swept by anyone 16 blocks after the commitment confirms: {@code <>}. */
  record AnchorAfter16Blocks() implements SpendPath {
    public long sequence() {
      return 16;
    }

    @Override
    public boolean signed() {
      return false;
    }

    public List<ByteVector> stack(ByteVector sig) {
      return List.of(ByteVector.empty);
    }
  }
}
