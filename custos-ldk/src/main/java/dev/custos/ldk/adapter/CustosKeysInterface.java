package dev.custos.ldk.adapter;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.ldk.signer.ChannelKeyId;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import dev.custos.ldk.signer.ChannelSignerProvider;
import fr.acinq.bitcoin.Crypto;
import java.security.SecureRandom;
import org.ldk.enums.Recipient;
import org.ldk.structs.ChannelPublicKeys;
import org.ldk.structs.ChannelTransactionParameters;
import org.ldk.structs.DecodeError;
import org.ldk.structs.KeysInterface;
import org.ldk.structs.Result_ChannelPublicKeysDecodeErrorZ;
import org.ldk.structs.Result_ChannelTransactionParametersDecodeErrorZ;
import org.ldk.structs.Result_RecoverableSignatureNoneZ;
import org.ldk.structs.Result_SecretKeyNoneZ;
import org.ldk.structs.Result_SignDecodeErrorZ;
import org.ldk.structs.ShutdownScript;
import org.ldk.structs.Sign;
import org.ldk.util.UInt5;

/**
 * LDK 0.0.106's {@code KeysInterface} on Custos keys: the node key, destination and inbound payment
 * key from {@link NodeKeys}, and for each channel a {@link CustosSign} over the
 * {@link dev.custos.ldk.signer.ChannelSignerPort} the {@link ChannelSignerProvider} makes for a
 * fresh random {@link ChannelKeyId}. Closed and swept funds go to the P2WPKH of the destination key.
 *
 * <p>Limits of LDK 0.0.106 this adapter cannot hide: {@code get_node_secret} hands the node's
 * private key to LDK (it performs the Noise handshake and onion ECDH itself), so the node key is
 * as exposed as LDK's process; a phantom-node secret is refused. Invoices are not signed here
 * ({@code sign_invoice} is refused and reported): Custos will sign them with its invoice policy.
 */
public final class CustosKeysInterface implements KeysInterface.KeysInterfaceInterface {
  private final NodeKeys nodeKeys;
  private final ChannelSignerProvider signers;
  private final SecureRandom random;
  private final SignerRefusalListener listener;

  /**
   * @param nodeKeys stays owned by the caller and must stay open while LDK runs
   * @param random the source of channel key ids and of LDK's {@code get_secure_random_bytes}
   */
  public CustosKeysInterface(NodeKeys nodeKeys, ChannelSignerProvider signers, SecureRandom random,
      SignerRefusalListener listener) {
    this.nodeKeys = nodeKeys;
    this.signers = signers;
    this.random = random;
    this.listener = listener;
  }

  /** The LDK object to hand to {@code ChannelManager}. */
  public KeysInterface asKeysInterface() {
    return KeysInterface.new_impl(this);
  }

  @Override
  public Result_SecretKeyNoneZ get_node_secret(Recipient recipient) {
    if (recipient != Recipient.LDKRecipient_Node) {
      listener.refused("get_node_secret", new ChannelSignerException(Kind.MALFORMED_REQUEST,
          "only the node's own secret exists, not one for " + recipient));
      return Result_SecretKeyNoneZ.err();
    }
    return Result_SecretKeyNoneZ.ok(nodeKeys.nodeSecret().copy());
  }

  @Override
  public byte[] get_destination_script() {
    return Bolt3Scripts.p2wpkh(nodeKeys.destination()).toByteArray();
  }

  @Override
  public ShutdownScript get_shutdown_scriptpubkey() {
    return ShutdownScript.new_p2wpkh(Crypto.hash160(nodeKeys.destination().value.toByteArray()));
  }

  @Override
  public Sign get_channel_signer(boolean inbound, long channelValueSatoshis) {
    ChannelKeyId id = ChannelKeyId.random(random);
    return new CustosSign(signers.signerFor(id), id, channelValueSatoshis, listener).asSign();
  }

  @Override
  public byte[] get_secure_random_bytes() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  @Override
  public Result_SignDecodeErrorZ read_chan_signer(byte[] reader) {
    try {
      SignerRecord record = SignerRecord.decode(reader);
      CustosSign sign = new CustosSign(signers.signerFor(record.keyId()), record.keyId(), record.channelValueSatoshis(),
          listener);
      if (record.channelParameters().isPresent()) {
        Result_ChannelTransactionParametersDecodeErrorZ params = ChannelTransactionParameters.read(record.channelParameters().get());
        if (!(params instanceof Result_ChannelTransactionParametersDecodeErrorZ.Result_ChannelTransactionParametersDecodeErrorZ_OK ok)) {
          throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "signer record: LDK could not decode its channel parameters");
        }
        sign.restore(ok.res);
      }
      return Result_SignDecodeErrorZ.ok(sign.asSign());
    } catch (IllegalArgumentException e) {
      listener.refused("read_chan_signer", new ChannelSignerException(Kind.MALFORMED_REQUEST, e.getMessage()));
      return Result_SignDecodeErrorZ.err(decodeError());
    } catch (ChannelSignerException e) {
      listener.refused("read_chan_signer", e);
      return Result_SignDecodeErrorZ.err(decodeError());
    }
  }

  @Override
  public Result_RecoverableSignatureNoneZ sign_invoice(byte[] hrpBytes, UInt5[] invoiceData, Recipient recipient) {
    listener.refused("sign_invoice", new ChannelSignerException(Kind.MALFORMED_REQUEST,
        "invoice signing is not offered by the Custos LDK adapter"));
    return Result_RecoverableSignatureNoneZ.err();
  }

  @Override
  public byte[] get_inbound_payment_key_material() {
    return nodeKeys.inboundPaymentKey().copy();
  }

  /** ldk-java 0.0.106 cannot construct a DecodeError; LDK's own reader makes one from an empty input. */
  private static DecodeError decodeError() {
    Result_ChannelPublicKeysDecodeErrorZ r = ChannelPublicKeys.read(new byte[0]);
    return ((Result_ChannelPublicKeysDecodeErrorZ.Result_ChannelPublicKeysDecodeErrorZ_Err) r).err;
  }
}
