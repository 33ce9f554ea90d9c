package dev.custos.ldk.harness;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.MerkleTree;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A regtest chain the test mines by hand. Nodes broadcast into its mempool; {@link #mine()} puts
 * every mempool transaction whose inputs are unspent, whose locktime has passed and whose every
 * input script bitcoin-kmp's interpreter accepts (standard flags) into the next block. A
 * transaction spending an unspent output with a failing script is recorded in {@link #invalid()}
 * so that a test can assert no bad signature ever reached the chain; transactions spending
 * already spent outputs (a peer rebroadcasting a settled close) are dropped silently.
 *
 * <p>Coins that fund channels come from {@link #fundingInput()}: an input spending an outpoint the
 * chain treats as an unverifiable external coin, as LDK only checks that it carries a witness.
 */
public final class FakeChain {
  private final List<Block> blocks = new ArrayList<>();
  private final Map<OutPoint, TxOut> utxos = new HashMap<>();
  private final Map<TxId, Transaction> confirmed = new HashMap<>();
  private final Map<TxId, Transaction> mempool = new LinkedHashMap<>();
  private final List<String> invalid = new ArrayList<>();
  private final Set<OutPoint> externalCoins = new HashSet<>();
  private int coinsIssued;

  public FakeChain() {
    blocks.add(Block.RegtestGenesisBlock);
  }

  public synchronized void broadcast(Transaction tx) {
    if (!confirmed.containsKey(tx.txid)) {
      mempool.putIfAbsent(tx.txid, tx);
    }
  }

  /** An input spending a fresh external coin, with a dummy witness. */
  public synchronized TxIn fundingInput() {
    byte[] txid = new byte[32];
    txid[0] = (byte) 0xee;
    txid[1] = (byte) ++coinsIssued;
    OutPoint coin = new OutPoint(new TxId(txid), 0);
    externalCoins.add(coin);
    TxIn in = new TxIn(coin, new byte[0], 0xffffffffL);
    return in.updateWitness(new ScriptWitness(List.of(new ByteVector(new byte[] {1}))));
  }

  /** Mines one block with every valid mempool transaction; returns it. */
  public synchronized Block mine() {
    int height = height() + 1;
    List<Transaction> included = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var it = mempool.values().iterator(); it.hasNext(); ) {
        Transaction tx = it.next();
        Verdict v = check(tx, height);
        if (v == Verdict.WAIT) {
          continue;
        }
        it.remove();
        if (v == Verdict.OK) {
          apply(tx);
          included.add(tx);
          progress = true;
        }
      }
    }
    Block tip = blocks.getLast();
    List<ByteVector32> hashes = included.stream().map(t -> t.hash.value).toList();
    ByteVector32 root = hashes.isEmpty() ? ByteVector32.Zeroes : MerkleTree.computeRoot(hashes);
    BlockHeader header = new BlockHeader(4, tip.hash, root, tip.header.time + 600, 0x207fffffL, height);
    Block block = new Block(header, included);
    blocks.add(block);
    return block;
  }

  public synchronized int height() {
    return blocks.size() - 1;
  }

  public synchronized Block block(int height) {
    return blocks.get(height);
  }

  public synchronized boolean isConfirmed(TxId txid) {
    return confirmed.containsKey(txid);
  }

  public synchronized List<Transaction> confirmedSpendsOf(OutPoint outPoint) {
    return confirmed.values().stream()
        .filter(t -> t.txIn.stream().anyMatch(i -> i.outPoint.equals(outPoint)))
        .toList();
  }

  public synchronized List<Transaction> mempool() {
    return List.copyOf(mempool.values());
  }

  /** Transactions that spent unspent outputs with scripts the interpreter rejected. */
  public synchronized List<String> invalid() {
    return List.copyOf(invalid);
  }

  private enum Verdict { OK, WAIT, DROP }

  private Verdict check(Transaction tx, int height) {
    Map<OutPoint, TxOut> spent = new HashMap<>();
    boolean external = false;
    for (TxIn in : tx.txIn) {
      TxOut out = utxos.get(in.outPoint);
      if (out == null) {
        if (externalCoins.contains(in.outPoint)) {
          external = true;
          continue;
        }
        return confirmed.containsKey(in.outPoint.txid) ? Verdict.DROP : Verdict.WAIT;
      }
      spent.put(in.outPoint, out);
    }
    if (tx.lockTime >= height && tx.lockTime < Transaction.LOCKTIME_THRESHOLD) {
      return Verdict.WAIT;
    }
    if (external) {
      return Verdict.OK;
    }
    try {
      tx.correctlySpends(spent, ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
      return Verdict.OK;
    } catch (RuntimeException e) {
      invalid.add(tx.txid + ": " + e.getMessage());
      return Verdict.DROP;
    }
  }

  private void apply(Transaction tx) {
    for (TxIn in : tx.txIn) {
      utxos.remove(in.outPoint);
      externalCoins.remove(in.outPoint);
    }
    for (int i = 0; i < tx.txOut.size(); i++) {
      utxos.put(new OutPoint(tx, i), tx.txOut.get(i));
    }
    confirmed.put(tx.txid, tx);
  }
}
