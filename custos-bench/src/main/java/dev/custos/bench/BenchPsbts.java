package dev.custos.bench;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The PSBTs the benchmarks time, built like {@code PsbtSignerTest} builds its single-key cases:
 * regtest, account 0 of the "abandon ... about" wallet, fixed random seed, so every run times the
 * same bytes.
 */
final class BenchPsbts {
  private static final Network NET = Network.REGTEST;

  private BenchPsbts() {}

  /**
   * One input of {@code type} (BIP84 P2WPKH or BIP86 P2TR key path) spending 1 BTC from
   * {@code 0/3}, paying 0.6 BTC away and the rest less a fee to change {@code 1/0}. The P2WPKH
   * input carries its previous transaction too, as a careful wallet sends it.
   */
  static Psbt singleInput(ExtendedPrivateKey master, AccountType type) {
    if (type != AccountType.BIP84 && type != AccountType.BIP86) {
      throw new IllegalArgumentException("benchmarks cover BIP84 and BIP86, got " + type);
    }
    Random random = new Random(42);
    Account account = Account.derive(master, type, NET, 0);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(100_000_000, account.scriptPubKey(0, 3))));
    PublicKey key = account.publicKey(0, 3);
    KeyOrigin origin = origin(master, account, 0, 3);
    InputBuilder in = new InputBuilder().witnessUtxo(prev.txOut.get(0));
    PublicKey change = account.publicKey(1, 0);
    PsbtOutput changeMap;
    if (type == AccountType.BIP86) {
      in.internalKey(key.xOnly()).tapDerivation(key.xOnly(), new TapKeyOrigin(List.of(), origin));
      changeMap = PsbtFactory.taprootOutput(change.xOnly(), origin(master, account, 1, 0));
    } else {
      in.nonWitnessUtxo(prev).derivation(key, origin);
      changeMap = PsbtFactory.derivedOutput(change, origin(master, account, 1, 0));
    }
    Account stranger = Account.derive(master, AccountType.BIP84, NET, 1);
    return PsbtFactory.v0(List.of(prev), List.of(0), List.of(in.build()),
        List.of(TestWallets.out(60_000_000, stranger.scriptPubKey(0, 0)),
            TestWallets.out(39_990_000, account.scriptPubKey(1, 0))),
        List.of(PsbtFactory.plainOutput(), changeMap));
  }

  /**
   * Ten BIP84 inputs (each spending output 0 of its own funding transaction, with that
   * transaction, the witness UTXO and a BIP32 derivation) and ten outputs, each with a
   * derivation.
   */
  static Psbt tenByTen(ExtendedPrivateKey master) {
    Random random = new Random(42);
    Account account = Account.derive(master, AccountType.BIP84, NET, 0);
    List<Transaction> prevs = new ArrayList<>();
    List<Integer> vouts = new ArrayList<>();
    List<PsbtInput> inputs = new ArrayList<>();
    List<TxOut> outputs = new ArrayList<>();
    List<PsbtOutput> outputMaps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(10_000_000, account.scriptPubKey(0, i))));
      prevs.add(prev);
      vouts.add(0);
      inputs.add(new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
          .derivation(account.publicKey(0, i), origin(master, account, 0, i)).build());
      outputs.add(TestWallets.out(9_990_000, account.scriptPubKey(1, i)));
      outputMaps.add(PsbtFactory.derivedOutput(account.publicKey(1, i), origin(master, account, 1, i)));
    }
    return PsbtFactory.v0(prevs, vouts, inputs, outputs, outputMaps);
  }

  private static KeyOrigin origin(ExtendedPrivateKey master, Account account, int branch, long index) {
    return new KeyOrigin(master.fingerprint(), account.accountPath().child(branch).child(index));
  }
}
