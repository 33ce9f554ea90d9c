package dev.custos.service.channel;

import dev.custos.core.audit.AuditType;
import dev.custos.core.ln.signer.ChannelPolicyException;
import dev.custos.core.ln.signer.DestinationInputSigning;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shell around custos-core {@link DestinationInputSigning}: signs one input of a sweep that
 * spends an output already paying the node's destination key (LDK's {@code StaticOutput}). Such an
 * output belongs to no channel any more, so the operation is authorized by the sweep rules alone
 * (every output to an approved destination, format, fee bound) and audited without a channel:
 * a {@code channel.operation} record with {@code operation=SignDestinationInput}, {@code sweep}
 * (txid), {@code input}, {@code outpoint} and {@code amountSat}, committed before the signature is
 * returned; a refusal is a {@code channel.refusal} record with its tag and reason.
 */
public final class DestinationSigner {
  private final Store store;
  private final SecretBytes destinationKey;
  private final SignerLimits limits;
  private final Clock clock;

  /** @param destinationKey the destination private key, lent: the caller closes it after the last use */
  public DestinationSigner(Store store, SecretBytes destinationKey, SignerLimits limits, Clock clock) {
    this.store = store;
    this.destinationKey = destinationKey;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * @return the DER signature (SIGHASH_ALL, without the sighash byte) of input {@code input}
   * @throws ChannelRefusedException when a sweep rule refuses it (audited)
   * @throws StoreException when the audit record cannot be committed; no signature was released
   */
  public ByteVector signInput(Transaction tx, int input, Satoshi amount) throws ChannelRefusedException, StoreException {
    Instant now = clock.instant();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("operation", "SignDestinationInput");
    fields.put("sweep", tx.txid.toString());
    fields.put("input", Integer.toString(input));
    if (input >= 0 && input < tx.txIn.size()) {
      fields.put("outpoint", tx.txIn.get(input).outPoint.txid + ":" + tx.txIn.get(input).outPoint.index);
    }
    fields.put("amountSat", Long.toString(amount.toLong()));
    ByteVector signature;
    try {
      signature = DestinationInputSigning.sign(tx, input, amount, destinationKey, limits);
    } catch (ChannelPolicyException e) {
      fields.put("tag", e.rule().tag().value());
      fields.put("reason", e.reason());
      store.write(w -> AuditTrail.append(w, now, AuditType.CHANNEL_REFUSAL.wireName(), fields));
      throw new ChannelRefusedException(e.rule(), e.reason());
    }
    store.write(w -> AuditTrail.append(w, now, AuditType.CHANNEL_OPERATION.wireName(), fields));
    return signature;
  }
}
