package dev.custos.ldk.adapter;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import dev.custos.ldk.signer.PolicyChannelSignerProvider;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import org.ldk.structs.SpendableOutputDescriptor;

/**
 * Sweeps what LDK 0.0.106 reports in {@code Event.SpendableOutputs} to the node's destination, with
 * every signature from Custos: the Custos replacement for {@code KeysManager.spend_spendable_outputs}
 * when the channel keys live in {@link PolicyChannelSignerProvider}.
 *
 * <p>{@link #spend} builds one transaction (version 2, nLockTime 0) spending every descriptor and
 * paying everything, less the fee, to one output: the P2WPKH of the node's destination key
 * {@code m/67858384'/2'/2'} ({@link NodeKeys#destination()}), the script the operator's
 * {@code SignerLimits} approve. There is no parameter for another address; each signature is
 * refused ({@code policy-sweep-destination-allowlisted}) unless every output is an approved
 * destination. Each input is signed by its own checked, audited operation:
 * <ul>
 *   <li>{@code DelayedPaymentOutput} (our {@code to_local} after a force close, nSequence
 *       {@code to_self_delay}): {@code SignSweepInput} with {@code HolderToLocal} on the channel named
 *       by {@code channel_keys_id}: the core rebuilds our latest holder commitment from its stored
 *       state and signs only its {@code to_local} output, amount included;
 *   <li>{@code StaticPaymentOutput} (our {@code to_remote} on the counterparty's commitment):
 *       {@code SignSweepInput} with {@code CounterpartyToRemote}, signed with the channel's payment
 *       basepoint secret (option_static_remotekey);
 *   <li>{@code StaticOutput} (an output already paying our destination, from a mutual close or a
 *       claim): custos-service {@code DestinationSigner} with the destination key, audited as
 *       {@code channel.operation} {@code operation=SignDestinationInput} without a channel; a
 *       {@code StaticOutput} paying any other script is refused before anything is signed.
 * </ul>
 * The fee is {@code feerate * weight / 1000} with the weight of the transaction carrying 73-byte
 * signatures, so the real fee rate is never below the one asked; the signer refuses a fee rate
 * outside its limits ({@code policy-sweep-fee-range}). The {@code to_local} witness script is
 * assembled from the descriptor's revocation key and our delayed key; Custos signs the script it
 * rebuilt from the channel state, so a descriptor that lies yields an invalid transaction, never a
 * signature over its script. When any input is refused, no transaction
 * is returned (the inputs signed before it were audited but their signatures are dropped).
 */
public final class CustosSpendableOutputs {
  private static final long RBF = 0xfffffffdL;
  private static final int MAX_SIGNATURE = 73;
  private static final long DUST = 294;

  private final PolicyChannelSignerProvider signers;
  private final PublicKey destination;
  private final ByteVector destinationScript;

  /** @param nodeKeys the node's keys (for the destination public key only; not closed here) */
  public CustosSpendableOutputs(PolicyChannelSignerProvider signers, NodeKeys nodeKeys) {
    this.signers = signers;
    this.destination = nodeKeys.destination();
    this.destinationScript = Bolt3Scripts.p2wpkh(destination);
  }

  /** The only script {@link #spend} pays: the P2WPKH of the node's destination key. */
  public ByteVector destinationScript() {
    return destinationScript;
  }

  /**
   * A fully signed transaction spending all {@code descriptors} to {@link #destinationScript()}.
   *
   * @throws ChannelSignerException {@code POLICY_REFUSED} with its rule when Custos refuses an
   *     input; {@code MALFORMED_REQUEST} for an unreadable descriptor, a {@code StaticOutput} that
   *     does not pay our destination, an empty list, or a fee that leaves dust; {@code STORE_FAILED}
   */
  public Transaction spend(List<SpendableOutputDescriptor> descriptors, FeeratePerKw feerate) throws ChannelSignerException {
    if (descriptors.isEmpty()) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "no spendable output to sweep");
    }
    List<OwnOutput> outputs = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      try {
        outputs.add(LdkSpendableOutputs.read(descriptors.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "spendable output " + i + ": " + e.getMessage());
      }
    }
    List<TxIn> inputs = new ArrayList<>();
    List<ScriptWitness> maximal = new ArrayList<>();
    long total = 0;
    for (OwnOutput o : outputs) {
      long sequence = o instanceof OwnOutput.DelayedToLocal d ? d.toSelfDelay() : RBF;
      inputs.add(new TxIn(o.outpoint(), new byte[0], sequence));
      maximal.add(witness(o, new ByteVector(new byte[MAX_SIGNATURE])));
      total = Math.addExact(total, o.output().amount.toLong());
    }
    Transaction draft = new Transaction(2, inputs, List.of(new TxOut(new Satoshi(total), destinationScript)), 0);
    long fee = feerate.feeForWeight(draft.updateWitnesses(maximal).weight()).toLong();
    if (total - fee < DUST) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "sweeping " + total + " sat at feerate_per_kw "
          + feerate.value() + " (fee " + fee + " sat) leaves less than " + DUST + " sat");
    }
    Transaction tx = new Transaction(2, inputs, List.of(new TxOut(new Satoshi(total - fee), destinationScript)), 0);
    List<ScriptWitness> witnesses = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      OwnOutput o = outputs.get(i);
      Satoshi amount = o.output().amount;
      ByteVector signature = switch (o) {
        case OwnOutput.DelayedToLocal d ->
            signers.signerFor(d.channel()).signHolderToLocalSweep(tx, i, amount, d.perCommitmentPoint());
        case OwnOutput.ToRemote r -> signers.signerFor(r.channel()).signToRemoteSweep(tx, i, amount);
        case OwnOutput.AtDestination a -> signers.signDestinationSweep(tx, i, amount);
      };
      witnesses.add(witness(o, signature.concat((byte) 1)));
    }
    return tx.updateWitnesses(witnesses);
  }

  /** The witness for {@code o} around {@code signature} (with its sighash byte). */
  private ScriptWitness witness(OwnOutput o, ByteVector signature) throws ChannelSignerException {
    return switch (o) {
      case OwnOutput.DelayedToLocal d -> {
        PublicKey delayed = KeyDerivation.derivePublicKey(signers.signerFor(d.channel()).holderKeys().delayedPaymentBasepoint(),
            d.perCommitmentPoint());
        yield new ScriptWitness(List.of(signature, ByteVector.empty,
            Bolt3Scripts.toLocal(d.revocationKey(), d.toSelfDelay(), delayed)));
      }
      case OwnOutput.ToRemote r -> new ScriptWitness(List.of(signature, signers.signerFor(r.channel()).holderKeys().paymentBasepoint().value));
      case OwnOutput.AtDestination a -> {
        if (!a.output().publicKeyScript.equals(destinationScript)) {
          throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "StaticOutput " + a.outpoint().txid + ":"
              + a.outpoint().index + " pays " + a.output().publicKeyScript.toHex() + ", not our destination script");
        }
        yield new ScriptWitness(List.of(signature, destination.value));
      }
    };
  }
}
