package dev.custos.ldk.adapter;

import dev.custos.ldk.signer.ChannelKeyId;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.TxOut;
import org.ldk.structs.SpendableOutputDescriptor;

/**
 * Reads LDK 0.0.106's {@code SpendableOutputDescriptor} into an {@link OwnOutput}. ldk-java
 * 0.0.106 has no getter for the {@code output} of a {@code DelayedPaymentOutputDescriptor} or a
 * {@code StaticPaymentOutputDescriptor}, so it is read from the descriptor's TLV serialization
 * (record 6, resp. 2: a Bitcoin {@code TxOut}, 8-byte little-endian value then a CompactSize-prefixed
 * script). Malformed input throws {@link IllegalArgumentException} naming what and where.
 */
final class LdkSpendableOutputs {
  private static final long DELAYED_OUTPUT = 6;
  private static final long STATIC_PAYMENT_OUTPUT = 2;

  private LdkSpendableOutputs() {}

  static OwnOutput read(SpendableOutputDescriptor descriptor) {
    return switch (descriptor) {
      case SpendableOutputDescriptor.StaticOutput s -> new OwnOutput.AtDestination(outpoint(s.outpoint),
          new TxOut(new Satoshi(s.output.value), new ByteVector(s.output.script_pubkey)));
      case SpendableOutputDescriptor.DelayedPaymentOutput d -> {
        var o = d.delayed_payment_output;
        yield new OwnOutput.DelayedToLocal(outpoint(o.get_outpoint()), txOut(record(o.write(), DELAYED_OUTPUT)),
            ChannelKeyId.decode(o.get_channel_keys_id()), new PublicKey(o.get_per_commitment_point()),
            Short.toUnsignedInt(o.get_to_self_delay()), new PublicKey(o.get_revocation_pubkey()));
      }
      case SpendableOutputDescriptor.StaticPaymentOutput p -> {
        var o = p.static_payment_output;
        yield new OwnOutput.ToRemote(outpoint(o.get_outpoint()), txOut(record(o.write(), STATIC_PAYMENT_OUTPUT)),
            ChannelKeyId.decode(o.get_channel_keys_id()));
      }
      default -> throw new IllegalArgumentException("unknown SpendableOutputDescriptor " + descriptor.getClass().getSimpleName());
    };
  }

  private static OutPoint outpoint(org.ldk.structs.OutPoint o) {
    return new OutPoint(new TxHash(o.get_txid()), Short.toUnsignedLong(o.get_index()));
  }

  private static byte[] record(byte[] serialized, long type) {
    byte[] value = LdkTlv.records(serialized).get(type);
    if (value == null) {
      throw new IllegalArgumentException("descriptor has no TLV record " + type + " (output)");
    }
    return value;
  }

  /** A consensus-encoded {@code TxOut} spanning exactly {@code data}. */
  static TxOut txOut(byte[] data) {
    if (data.length < 9) {
      throw new IllegalArgumentException("TxOut of " + data.length + " bytes is shorter than 9");
    }
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (data[i] & 0xff);
    }
    if (value < 0 || value > 2_100_000_000_000_000L) {
      throw new IllegalArgumentException("TxOut value " + Long.toUnsignedString(value) + " sat is outside [0, 21e6 BTC]");
    }
    int first = data[8] & 0xff;
    int prefix = first < 0xfd ? 1 : first == 0xfd ? 3 : first == 0xfe ? 5 : 9;
    if (data.length < 8 + prefix) {
      throw new IllegalArgumentException("TxOut script length at offset 8 is truncated");
    }
    long length = first < 0xfd ? first : 0;
    for (int i = prefix - 1; i >= 1; i--) {
      length = (length << 8) | (data[8 + i] & 0xff);
    }
    long min = prefix == 1 ? 0 : prefix == 3 ? 0xfd : prefix == 5 ? 0x10000 : 0x100000000L;
    if (Long.compareUnsigned(length, min) < 0) {
      throw new IllegalArgumentException("TxOut script length at offset 8 is not minimally encoded");
    }
    if (length != data.length - 8 - prefix) {
      throw new IllegalArgumentException("TxOut declares a " + Long.toUnsignedString(length) + "-byte script but "
          + (data.length - 8 - prefix) + " bytes follow at offset " + (8 + prefix));
    }
    byte[] script = new byte[(int) length];
    System.arraycopy(data, 8 + prefix, script, 0, script.length);
    return new TxOut(new Satoshi(value), new ByteVector(script));
  }
}
