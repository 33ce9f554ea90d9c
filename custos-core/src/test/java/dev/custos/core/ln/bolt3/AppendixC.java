package dev.custos.core.ln.bolt3;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The channel of BOLT 3 Appendix C (also used by Appendix F and lnd's vectors), read from the
 * unmodified spec text: "local" is the holder, the funder and the broadcaster. The local
 * revocation basepoint and the remote delayed-payment basepoint are not given (they do not appear
 * in the local commitment), so fixed test points stand in for them.
 */
final class AppendixC {
  static final String TEXT = BoltTextVectors.appendix("Appendix C");
  static final Map<String, String> P = BoltTextVectors.preamble(TEXT);

  private AppendixC() {}

  static PublicKey key(String name) {
    return new PublicKey(Hex.bytes(P.get(name)));
  }

  static SecretBytes secret(String name) {
    return Hex.privateKey(P.get(name));
  }

  static PublicKey perCommitmentPoint() {
    try (SecretBytes s = secret("x_local_per_commitment_secret")) {
      return KeyDerivation.publicKeyOf(s);
    }
  }

  private static PublicKey standIn(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    try (SecretBytes s = SecretBytes.takeOwnership(b)) {
      return KeyDerivation.publicKeyOf(s);
    }
  }

  static ChannelParameters params(ChannelType type, long dustLimit) {
    ChannelPublicKeys local = new ChannelPublicKeys(key("local_funding_pubkey"), standIn(0x55),
        key("local_payment_basepoint"), key("local_delayed_payment_basepoint"), key("local_htlc_basepoint"));
    ChannelPublicKeys remote = new ChannelPublicKeys(key("remote_funding_pubkey"), key("remote_revocation_basepoint"),
        key("remote_payment_basepoint"), standIn(0x66), key("remote_htlc_basepoint"));
    OutPoint funding = new OutPoint(new TxId(P.get("funding_tx_id")), Long.parseLong(P.get("funding_output_index")));
    int delay = Integer.parseInt(P.get("local_delay"));
    return new ChannelParameters(funding, new Satoshi(Long.parseLong(P.get("funding_amount_satoshi"))), type,
        new ChannelSide(local, delay, new Satoshi(dustLimit)),
        new ChannelSide(remote, delay, new Satoshi(dustLimit)),
        Side.HOLDER);
  }

  static long dustLimit() {
    return Long.parseLong(P.get("local_dust_limit_satoshi"));
  }

  static ByteVector32 preimage(int htlc) {
    return new ByteVector32(P.get("htlc " + htlc + " payment_preimage"));
  }

  static Htlc htlc(int n) {
    HtlcDirection d = P.get("htlc " + n + " direction").equals("remote->local") ? HtlcDirection.RECEIVED : HtlcDirection.OFFERED;
    return new Htlc(d, new MilliSatoshi(Long.parseLong(P.get("htlc " + n + " amount_msat"))),
        new ByteVector32(Crypto.sha256(preimage(n).toByteArray())), Long.parseLong(P.get("htlc " + n + " expiry")));
  }

  /**
   * The HTLCs of a case, as the appendix states: none for "no HTLCs", 1, 5 and 6 for the "same
   * amount and preimage" case, otherwise 0 to 4.
   */
  static List<Integer> htlcNumbers(String caseName) {
    if (caseName.contains("no HTLCs")) {
      return List.of();
    }
    if (caseName.contains("same amount and preimage")) {
      return List.of(1, 5, 6);
    }
    return List.of(0, 1, 2, 3, 4);
  }

  static CommitmentSpec spec(String caseName, long feerate, long toLocalMsat, long toRemoteMsat) {
    List<Htlc> htlcs = new ArrayList<>();
    for (int n : htlcNumbers(caseName)) {
      htlcs.add(htlc(n));
    }
    return new CommitmentSpec(Long.parseLong(P.get("commitment_number")), new FeeratePerKw(feerate),
        new MilliSatoshi(toLocalMsat), new MilliSatoshi(toRemoteMsat), htlcs);
  }

  /** The preimage of an HTLC of the case by payment hash (5 and 6 share one). */
  static ByteVector32 preimageOf(Htlc h) {
    for (int n = 0; n <= 6; n++) {
      if (htlc(n).paymentHash().equals(h.paymentHash())) {
        return preimage(n);
      }
    }
    throw new IllegalStateException("unknown HTLC");
  }

  /** local htlc private key: the local HTLC basepoint equals the payment basepoint (secret given). */
  static SecretBytes localHtlcPrivateKey() {
    try (SecretBytes base = secret("local_payment_basepoint_secret")) {
      return KeyDerivation.derivePrivateKey(base, perCommitmentPoint());
    }
  }

  /** remote htlc private key: the remote HTLC basepoint equals the remote payment basepoint. */
  static SecretBytes remoteHtlcPrivateKey() {
    try (SecretBytes base = secret("remote_payment_basepoint_secret")) {
      return KeyDerivation.derivePrivateKey(base, perCommitmentPoint());
    }
  }
}
