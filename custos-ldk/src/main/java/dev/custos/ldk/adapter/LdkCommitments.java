package dev.custos.ldk.adapter;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentFees;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.ldk.signer.CommitmentProposal;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ldk.structs.BuiltCommitmentTransaction;
import org.ldk.structs.CommitmentTransaction;
import org.ldk.structs.HTLCOutputInCommitment;
import org.ldk.structs.HolderCommitmentTransaction;
import org.ldk.structs.Result_CommitmentTransactionDecodeErrorZ;
import org.ldk.structs.Result_HTLCOutputInCommitmentDecodeErrorZ;
import org.ldk.structs.Result_BuiltCommitmentTransactionDecodeErrorZ;
import org.ldk.structs.Result_TxCreationKeysDecodeErrorZ;
import org.ldk.structs.TxCreationKeys;

/**
 * Turns LDK 0.0.106's view of a commitment into a {@link CommitmentProposal}: the semantic fields
 * (commitment number, feerate, balances, non-dust HTLCs) become a {@link CommitmentSpec}, and LDK's
 * built transaction becomes the proposal the signer compares its rebuild with.
 *
 * <p>The keys and the built transaction are read from LDK's serialization, not through
 * {@code CommitmentTransaction.trust()}: in ldk-java 0.0.106, {@code trust().keys()} on a commitment
 * handed to a signer callback returns bytes shifted by one (observed in this module's LDK tests),
 * which a signer trusting them would sign.
 *
 * <p>Conversions: LDK numbers commitments down from {@code 2^48 - 1} (its number is the BOLT 3
 * secret index), BOLT 3 counts up; LDK's balances are after the commitment fee, which is added back
 * to the funder's side because the engine takes it itself; LDK lists only untrimmed HTLCs, each
 * from the broadcaster's point of view ({@code offered} = offered by the broadcaster).
 */
final class LdkCommitments {
  /** {@code CommitmentTransaction}'s TLV types: keys, built transaction, HTLC list. */
  private static final long KEYS = 8;
  private static final long BUILT = 10;
  private static final long HTLCS = 12;
  /** {@code HolderCommitmentTransaction}'s TLV types: the inner commitment, the counterparty's HTLC signatures. */
  private static final long INNER = 0;
  private static final long COUNTERPARTY_HTLC_SIGS = 6;
  private static final int COMPACT_SIGNATURE = 64;

  private LdkCommitments() {}

  static CommitmentProposal proposal(ChannelParameters params, Side broadcaster, CommitmentTransaction ldk) {
    long number = PerCommitmentSecrets.MAX_INDEX - ldk.commitment_number();
    FeeratePerKw feerate = new FeeratePerKw(Integer.toUnsignedLong(ldk.feerate_per_kw()));
    Map<Long, byte[]> records = LdkTlv.records(ldk.write());
    List<Htlc> htlcs = htlcs(ldk.commitment_number(), records.get(HTLCS));
    long fee = CommitmentFees.commitmentFee(params.type(), feerate, htlcs.size()).toLong();
    long toBroadcaster = ldk.to_broadcaster_value_sat();
    long toCountersignatory = ldk.to_countersignatory_value_sat();
    if (params.funder() == broadcaster) {
      toBroadcaster = Math.addExact(toBroadcaster, fee);
    } else {
      toCountersignatory = Math.addExact(toCountersignatory, fee);
    }
    CommitmentSpec spec = new CommitmentSpec(number, feerate, msat(toBroadcaster), msat(toCountersignatory), htlcs);
    PublicKey point = new PublicKey(keys(records.get(KEYS)).get_per_commitment_point());
    Transaction proposed = Transaction.read(built(records.get(BUILT)).get_transaction());
    return new CommitmentProposal(spec, point, proposed);
  }

  /** The commitment inside a holder commitment (ldk-java 0.0.106 has no accessor for it). */
  static CommitmentTransaction inner(HolderCommitmentTransaction holder) {
    byte[] inner = LdkTlv.records(holder.write()).get(INNER);
    if (inner == null) {
      throw new IllegalArgumentException("holder commitment without its commitment (TLV type 0)");
    }
    Result_CommitmentTransactionDecodeErrorZ read = CommitmentTransaction.read(inner);
    if (!(read instanceof Result_CommitmentTransactionDecodeErrorZ.Result_CommitmentTransactionDecodeErrorZ_OK ok)) {
      throw new IllegalArgumentException("holder commitment: LDK could not decode its inner commitment");
    }
    return ok.res;
  }

  /**
   * The counterparty's HTLC signatures on a holder commitment, 64-byte compact each, in output
   * order (ldk-java 0.0.106 has only a setter; the TLV record is the signatures back to back).
   */
  static List<byte[]> counterpartyHtlcSignatures(HolderCommitmentTransaction holder) {
    byte[] record = LdkTlv.records(holder.write()).get(COUNTERPARTY_HTLC_SIGS);
    List<byte[]> sigs = new ArrayList<>();
    if (record == null) {
      return sigs;
    }
    if (record.length % COMPACT_SIGNATURE != 0) {
      throw new IllegalArgumentException("holder commitment: HTLC signature record of " + record.length
          + " bytes is not a list of 64-byte signatures");
    }
    for (int i = 0; i < record.length; i += COMPACT_SIGNATURE) {
      sigs.add(java.util.Arrays.copyOfRange(record, i, i + COMPACT_SIGNATURE));
    }
    return sigs;
  }

  /** An LDK HTLC as the engine's {@link Htlc}, from the broadcaster's point of view. */
  static Htlc htlc(HTLCOutputInCommitment h) {
    return new Htlc(h.get_offered() ? HtlcDirection.OFFERED : HtlcDirection.RECEIVED, new MilliSatoshi(h.get_amount_msat()),
        new ByteVector32(h.get_payment_hash()), Integer.toUnsignedLong(h.get_cltv_expiry()));
  }

  private static TxCreationKeys keys(byte[] record) {
    if (record != null
        && TxCreationKeys.read(record) instanceof Result_TxCreationKeysDecodeErrorZ.Result_TxCreationKeysDecodeErrorZ_OK ok) {
      return ok.res;
    }
    throw new IllegalArgumentException("commitment without decodable keys (TLV type " + KEYS + ")");
  }

  private static BuiltCommitmentTransaction built(byte[] record) {
    if (record != null && BuiltCommitmentTransaction.read(record)
        instanceof Result_BuiltCommitmentTransactionDecodeErrorZ.Result_BuiltCommitmentTransactionDecodeErrorZ_OK ok) {
      return ok.res;
    }
    throw new IllegalArgumentException("commitment without a decodable built transaction (TLV type " + BUILT + ")");
  }

  private static List<Htlc> htlcs(long ldkNumber, byte[] list) {
    List<Htlc> htlcs = new ArrayList<>();
    if (list == null) {
      return htlcs;
    }
    for (byte[] item : LdkTlv.lengthPrefixedItems(list)) {
      Result_HTLCOutputInCommitmentDecodeErrorZ read = HTLCOutputInCommitment.read(item);
      if (!(read instanceof Result_HTLCOutputInCommitmentDecodeErrorZ.Result_HTLCOutputInCommitmentDecodeErrorZ_OK ok)) {
        throw new IllegalArgumentException("commitment " + ldkNumber + ": LDK could not decode HTLC " + htlcs.size());
      }
      htlcs.add(htlc(ok.res));
    }
    return htlcs;
  }

  private static MilliSatoshi msat(long sat) {
    return new MilliSatoshi(Math.multiplyExact(sat, 1000L));
  }
}
