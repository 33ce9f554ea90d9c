package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.ChannelSide;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The persisted form of a {@link ChannelState}: strict, versioned, canonical binary (one state has
 * exactly one encoding, and {@code encode(decode(b)) == b} for every accepted {@code b}).
 *
 * <pre>
 *   "CUSTOSCH" | u8 version=1 | channel_id[32]
 *   | funding_txid[32] (internal byte order) | u32 funding_index | u64 funding_sat
 *   | u8 type (1 static_remotekey, 2 anchors_zero_fee_htlc_tx) | u8 funder (0 holder, 1 counterparty)
 *   | side holder | side counterparty
 *   | script? holder_shutdown | script? counterparty_shutdown
 *   | u64 next_holder | u64 holder_revoked | spec? holder_spec
 *   | u64 next_counterparty | u64 counterparty_revoked | u8 n (0..2) | (spec | point[33])*n
 *   | u8 m (0..49) | (u64 index | secret[32])*m | u8 closing_signed (0/1)
 *   side    = funding_pubkey[33] revocation_basepoint[33] payment_basepoint[33]
 *             delayed_payment_basepoint[33] htlc_basepoint[33] | u16 to_self_delay | u64 dust_sat
 *   script? = u8 0 | u8 1 u16 length bytes
 *   spec?   = u8 0 | u8 1 spec
 *   spec    = u64 number | u32 feerate_per_kw | u64 to_local_msat | u64 to_remote_msat | u16 h
 *             | (u8 direction (0 offered, 1 received) | u64 amount_msat | payment_hash[32] | u32 cltv_expiry)*h
 * </pre>
 * All integers big-endian. The state holds no key of ours; it holds the counterparty's revealed
 * per-commitment secrets.
 */
public final class ChannelStateCodec {
  private static final byte[] MAGIC = "CUSTOSCH".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  /** BOLT 2 {@code max_accepted_htlcs} is at most 483 per direction. */
  private static final int MAX_HTLCS = 966;
  private static final int MAX_SCRIPT = 10_000;

  private ChannelStateCodec() {}

  public static byte[] encode(ChannelState s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.writeBytes(s.id().value().toByteArray());
    ChannelParameters p = s.params();
    out.writeBytes(p.fundingOutpoint().txid.value.toByteArray());
    u32(out, p.fundingOutpoint().index);
    u64(out, p.fundingAmount().toLong());
    out.write(p.type().hasAnchors() ? 2 : 1);
    out.write(p.funder() == Side.HOLDER ? 0 : 1);
    side(out, p.holder());
    side(out, p.counterparty());
    script(out, s.holderShutdownScript());
    script(out, s.counterpartyShutdownScript());
    u64(out, s.nextHolderNumber());
    u64(out, s.holderRevoked());
    out.write(s.holderSpec().isPresent() ? 1 : 0);
    s.holderSpec().ifPresent(spec -> spec(out, spec));
    u64(out, s.nextCounterpartyNumber());
    u64(out, s.counterpartyRevoked());
    out.write(s.counterpartyUnrevoked().size());
    for (CounterpartyCommitment c : s.counterpartyUnrevoked()) {
      spec(out, c.spec());
      out.writeBytes(c.point().value.toByteArray());
    }
    List<CounterpartySecrets.Entry> entries = s.counterpartySecrets().entries();
    out.write(entries.size());
    for (CounterpartySecrets.Entry e : entries) {
      u64(out, e.index());
      byte[] secret = e.secret();
      out.writeBytes(secret);
      Arrays.fill(secret, (byte) 0);
    }
    out.write(s.closingSigned() ? 1 : 0);
    return out.toByteArray();
  }

  /**
   * Decodes {@link #encode} output.
   *
   * @throws ChannelStateFormatException on a wrong magic or version, truncated or trailing bytes, a
   *     non-canonical field (flag not 0/1, unknown type) or a state that breaks its invariants
   */
  public static ChannelState decode(byte[] bytes) throws ChannelStateFormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = take(b, MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new ChannelStateFormatException("not a Custos channel state (bad magic)");
      }
      int version = b.get() & 0xff;
      if (version != VERSION) {
        throw new ChannelStateFormatException("unsupported channel state version " + version);
      }
      ChannelId id = new ChannelId(new ByteVector32(take(b, 32)));
      OutPoint funding = new OutPoint(new TxId(new ByteVector32(take(b, 32))), b.getInt() & 0xffffffffL);
      Satoshi amount = new Satoshi(b.getLong());
      ChannelType type = switch (b.get()) {
        case 1 -> ChannelType.STATIC_REMOTE_KEY;
        case 2 -> ChannelType.ANCHORS_ZERO_FEE_HTLC_TX;
        default -> throw new ChannelStateFormatException("unknown channel type code");
      };
      Side funder = flag(b, "funder") ? Side.COUNTERPARTY : Side.HOLDER;
      ChannelParameters params = new ChannelParameters(funding, amount, type, side(b), side(b), funder);
      Optional<ByteVector> holderScript = script(b);
      Optional<ByteVector> counterpartyScript = script(b);
      long nextHolder = b.getLong();
      long holderRevoked = b.getLong();
      Optional<CommitmentSpec> holderSpec = flag(b, "holder spec presence") ? Optional.of(spec(b)) : Optional.empty();
      long nextCounterparty = b.getLong();
      long counterpartyRevoked = b.getLong();
      int n = b.get() & 0xff;
      if (n > 2) {
        throw new ChannelStateFormatException(n + " unrevoked counterparty commitments, at most 2");
      }
      List<CounterpartyCommitment> unrevoked = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        unrevoked.add(new CounterpartyCommitment(spec(b), point(b)));
      }
      CounterpartySecrets secrets = secrets(b);
      boolean closing = flag(b, "closing flag");
      if (b.hasRemaining()) {
        throw new ChannelStateFormatException(b.remaining() + " trailing bytes after the channel state");
      }
      ChannelState state = new ChannelState(id, params, holderScript, counterpartyScript, nextHolder, holderRevoked, holderSpec,
          nextCounterparty, counterpartyRevoked, unrevoked, secrets, closing);
      if (secrets.received() != counterpartyRevoked) {
        throw new ChannelStateFormatException("stored secrets cover " + secrets.received() + " counterparty commitments, "
            + "the state says " + counterpartyRevoked);
      }
      if (!Arrays.equals(encode(state), bytes)) {
        throw new ChannelStateFormatException("channel state is not canonically encoded");
      }
      return state;
    } catch (BufferUnderflowException e) {
      throw new ChannelStateFormatException("channel state is truncated at byte " + b.position());
    } catch (IllegalArgumentException e) {
      throw new ChannelStateFormatException("invalid channel state field near byte " + b.position() + ": " + e.getMessage());
    }
  }

  private static void side(ByteArrayOutputStream out, ChannelSide side) {
    ChannelPublicKeys k = side.keys();
    for (PublicKey key : List.of(k.fundingPubkey(), k.revocationBasepoint(), k.paymentBasepoint(), k.delayedPaymentBasepoint(),
        k.htlcBasepoint())) {
      out.writeBytes(key.value.toByteArray());
    }
    out.write(side.toSelfDelay() >>> 8);
    out.write(side.toSelfDelay());
    u64(out, side.dustLimit().toLong());
  }

  private static ChannelSide side(ByteBuffer b) {
    ChannelPublicKeys keys = new ChannelPublicKeys(point(b), point(b), point(b), point(b), point(b));
    int delay = b.getShort() & 0xffff;
    return new ChannelSide(keys, delay, new Satoshi(b.getLong()));
  }

  private static void script(ByteArrayOutputStream out, Optional<ByteVector> script) {
    out.write(script.isPresent() ? 1 : 0);
    script.ifPresent(s -> {
      out.write(s.size() >>> 8);
      out.write(s.size());
      out.writeBytes(s.toByteArray());
    });
  }

  private static Optional<ByteVector> script(ByteBuffer b) throws ChannelStateFormatException {
    if (!flag(b, "shutdown script presence")) {
      return Optional.empty();
    }
    int length = b.getShort() & 0xffff;
    if (length > MAX_SCRIPT) {
      throw new ChannelStateFormatException("shutdown script of " + length + " bytes, at most " + MAX_SCRIPT);
    }
    return Optional.of(new ByteVector(take(b, length)));
  }

  private static void spec(ByteArrayOutputStream out, CommitmentSpec spec) {
    u64(out, spec.commitmentNumber());
    u32(out, spec.feerate().value());
    u64(out, spec.toLocal().value());
    u64(out, spec.toRemote().value());
    out.write(spec.htlcs().size() >>> 8);
    out.write(spec.htlcs().size());
    for (Htlc h : spec.htlcs()) {
      out.write(h.direction() == HtlcDirection.OFFERED ? 0 : 1);
      u64(out, h.amount().value());
      out.writeBytes(h.paymentHash().toByteArray());
      u32(out, h.cltvExpiry());
    }
  }

  private static CommitmentSpec spec(ByteBuffer b) throws ChannelStateFormatException {
    long number = b.getLong();
    FeeratePerKw feerate = new FeeratePerKw(b.getInt() & 0xffffffffL);
    MilliSatoshi toLocal = new MilliSatoshi(b.getLong());
    MilliSatoshi toRemote = new MilliSatoshi(b.getLong());
    int count = b.getShort() & 0xffff;
    if (count > MAX_HTLCS) {
      throw new ChannelStateFormatException(count + " HTLCs in one commitment, at most " + MAX_HTLCS);
    }
    List<Htlc> htlcs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HtlcDirection direction = flag(b, "HTLC direction") ? HtlcDirection.RECEIVED : HtlcDirection.OFFERED;
      htlcs.add(new Htlc(direction, new MilliSatoshi(b.getLong()), new ByteVector32(take(b, 32)), b.getInt() & 0xffffffffL));
    }
    return new CommitmentSpec(number, feerate, toLocal, toRemote, htlcs);
  }

  private static CounterpartySecrets secrets(ByteBuffer b) throws ChannelStateFormatException {
    int m = b.get() & 0xff;
    if (m > 49) {
      throw new ChannelStateFormatException(m + " stored secrets, at most 49");
    }
    List<CounterpartySecrets.Entry> entries = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      long index = b.getLong();
      byte[] secret = take(b, 32);
      entries.add(new CounterpartySecrets.Entry(index, secret));
      Arrays.fill(secret, (byte) 0);
    }
    try {
      return CounterpartySecrets.of(entries);
    } catch (Bolt3Exception e) {
      throw new ChannelStateFormatException("stored counterparty secrets are inconsistent: " + e.getMessage());
    }
  }

  private static PublicKey point(ByteBuffer b) {
    PublicKey key = new PublicKey(take(b, 33));
    if (!key.isValid()) {
      throw new IllegalArgumentException("a stored public key is not a valid compressed point");
    }
    return key;
  }

  private static boolean flag(ByteBuffer b, String what) throws ChannelStateFormatException {
    int v = b.get();
    if (v != 0 && v != 1) {
      throw new ChannelStateFormatException(what + " must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  private static byte[] take(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static void u32(ByteArrayOutputStream out, long v) {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }

  private static void u64(ByteArrayOutputStream out, long v) {
    u32(out, v >>> 32);
    u32(out, v);
  }
}
