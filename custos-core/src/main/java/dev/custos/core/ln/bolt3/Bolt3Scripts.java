package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OP_0;
import fr.acinq.bitcoin.OP_CHECKLOCKTIMEVERIFY;
import fr.acinq.bitcoin.OP_CHECKMULTISIG;
import fr.acinq.bitcoin.OP_CHECKSEQUENCEVERIFY;
import fr.acinq.bitcoin.OP_CHECKSIG;
import fr.acinq.bitcoin.OP_CHECKSIGVERIFY;
import fr.acinq.bitcoin.OP_DROP;
import fr.acinq.bitcoin.OP_DUP;
import fr.acinq.bitcoin.OP_ELSE;
import fr.acinq.bitcoin.OP_ENDIF;
import fr.acinq.bitcoin.OP_EQUAL;
import fr.acinq.bitcoin.OP_EQUALVERIFY;
import fr.acinq.bitcoin.OP_HASH160;
import fr.acinq.bitcoin.OP_IF;
import fr.acinq.bitcoin.OP_IFDUP;
import fr.acinq.bitcoin.OP_NOTIF;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.OP_SIZE;
import fr.acinq.bitcoin.OP_SWAP;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import fr.acinq.bitcoin.ScriptEltMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The witness scripts of BOLT 3 ("Funding Transaction Output", "Commitment Transaction Outputs",
 * "HTLC-Timeout and HTLC-Success Transactions"), serialized, and their P2WSH/P2WPKH scriptPubKeys.
 * Numbers are minimal pushes ({@code OP_1..OP_16} or CScriptNum), as Bitcoin Core's MINIMALDATA
 * requires.
 */
public final class Bolt3Scripts {
  private Bolt3Scripts() {}

  /** {@code 2 <pubkey1> <pubkey2> 2 OP_CHECKMULTISIG}, keys in lexicographic order. */
  public static ByteVector funding(PublicKey a, PublicKey b) {
    boolean aFirst = compare(a.value.toByteArray(), b.value.toByteArray()) < 0;
    return new ByteVector(Script.write(Script.createMultiSigMofN(2, aFirst ? List.of(a, b) : List.of(b, a))));
  }

  /**
   * {@code to_local}, and the output of HTLC-success/timeout transactions: revocable at once with
   * {@code revocationpubkey}, otherwise spendable by {@code local_delayedpubkey} after
   * {@code to_self_delay} blocks.
   */
  public static ByteVector toLocal(PublicKey revocationKey, int toSelfDelay, PublicKey localDelayedKey) {
    return write(List.of(OP_IF.INSTANCE, push(revocationKey), OP_ELSE.INSTANCE, number(toSelfDelay),
        OP_CHECKSEQUENCEVERIFY.INSTANCE, OP_DROP.INSTANCE, push(localDelayedKey), OP_ENDIF.INSTANCE,
        OP_CHECKSIG.INSTANCE));
  }

  /** {@code to_remote} with option_anchors: {@code <remotepubkey> OP_CHECKSIGVERIFY 1 OP_CSV}. */
  public static ByteVector toRemoteAnchors(PublicKey remotePaymentKey) {
    return write(List.of(push(remotePaymentKey), OP_CHECKSIGVERIFY.INSTANCE, number(1), OP_CHECKSEQUENCEVERIFY.INSTANCE));
  }

  /** An anchor locked to a funding key, anyone-can-spend after 16 blocks. */
  public static ByteVector anchor(PublicKey fundingKey) {
    return write(List.of(push(fundingKey), OP_CHECKSIG.INSTANCE, OP_IFDUP.INSTANCE, OP_NOTIF.INSTANCE, number(16),
        OP_CHECKSEQUENCEVERIFY.INSTANCE, OP_ENDIF.INSTANCE));
  }

  /** An HTLC offered by the broadcaster (BOLT 3 "Offered HTLC Outputs"). */
  public static ByteVector offeredHtlc(ChannelType type, CommitmentKeys keys, ByteVector32 paymentHash) {
    List<ScriptElt> s = new ArrayList<>(revocationBranch(keys));
    s.addAll(List.of(OP_ELSE.INSTANCE, push(keys.remoteHtlcKey()), OP_SWAP.INSTANCE, OP_SIZE.INSTANCE, number(32),
        OP_EQUAL.INSTANCE, OP_NOTIF.INSTANCE, OP_DROP.INSTANCE, number(2), OP_SWAP.INSTANCE, push(keys.localHtlcKey()),
        number(2), OP_CHECKMULTISIG.INSTANCE, OP_ELSE.INSTANCE, OP_HASH160.INSTANCE,
        new OP_PUSHDATA(Crypto.ripemd160(paymentHash.toByteArray())), OP_EQUALVERIFY.INSTANCE, OP_CHECKSIG.INSTANCE,
        OP_ENDIF.INSTANCE));
    return write(closeHtlc(type, s));
  }

  /** An HTLC received by the broadcaster (BOLT 3 "Received HTLC Outputs"). */
  public static ByteVector receivedHtlc(ChannelType type, CommitmentKeys keys, ByteVector32 paymentHash, long cltvExpiry) {
    List<ScriptElt> s = new ArrayList<>(revocationBranch(keys));
    s.addAll(List.of(OP_ELSE.INSTANCE, push(keys.remoteHtlcKey()), OP_SWAP.INSTANCE, OP_SIZE.INSTANCE, number(32),
        OP_EQUAL.INSTANCE, OP_IF.INSTANCE, OP_HASH160.INSTANCE,
        new OP_PUSHDATA(Crypto.ripemd160(paymentHash.toByteArray())), OP_EQUALVERIFY.INSTANCE, number(2),
        OP_SWAP.INSTANCE, push(keys.localHtlcKey()), number(2), OP_CHECKMULTISIG.INSTANCE, OP_ELSE.INSTANCE,
        OP_DROP.INSTANCE, number(cltvExpiry), OP_CHECKLOCKTIMEVERIFY.INSTANCE, OP_DROP.INSTANCE, OP_CHECKSIG.INSTANCE,
        OP_ENDIF.INSTANCE));
    return write(closeHtlc(type, s));
  }

  /** The P2WSH scriptPubKey of a witness script. */
  public static ByteVector p2wsh(ByteVector witnessScript) {
    return new ByteVector(Script.write(Script.pay2wsh(witnessScript)));
  }

  /** The P2WPKH scriptPubKey of a key ({@code to_remote} without anchors). */
  public static ByteVector p2wpkh(PublicKey key) {
    return new ByteVector(Script.write(Script.pay2wpkh(key)));
  }

  /** Unsigned lexicographic comparison, common prefix first, then shorter first (memcmp). */
  static int compare(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static List<ScriptElt> revocationBranch(CommitmentKeys keys) {
    return List.of(OP_DUP.INSTANCE, OP_HASH160.INSTANCE, new OP_PUSHDATA(keys.revocationKey().hash160()),
        OP_EQUAL.INSTANCE, OP_IF.INSTANCE, OP_CHECKSIG.INSTANCE);
  }

  private static List<ScriptElt> closeHtlc(ChannelType type, List<ScriptElt> s) {
    if (type.hasAnchors()) {
      s.addAll(List.of(number(1), OP_CHECKSEQUENCEVERIFY.INSTANCE, OP_DROP.INSTANCE));
    }
    s.add(OP_ENDIF.INSTANCE);
    return s;
  }

  private static ScriptElt push(PublicKey key) {
    return new OP_PUSHDATA(key.value);
  }

  private static ScriptElt number(long n) {
    if (n == 0) {
      return OP_0.INSTANCE;
    }
    if (n >= 1 && n <= 16) {
      return ScriptEltMapping.code2elt.get((int) (0x50 + n));
    }
    return new OP_PUSHDATA(Script.encodeNumber(n));
  }

  private static ByteVector write(List<ScriptElt> elements) {
    return new ByteVector(Script.write(elements));
  }
}
