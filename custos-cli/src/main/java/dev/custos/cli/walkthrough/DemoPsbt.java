package dev.custos.cli.walkthrough;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtGlobal;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.psbt.TapKeyOrigin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A regtest-only demonstration PSBT for the walkthrough: it spends two fictitious coins (paid to
 * the wallet's first BIP84 and BIP86 receive addresses by made-up funding transactions) to an
 * external address, with change back to the BIP84 change branch. It is what a watch-only wallet
 * (Sparrow, Bitcoin Core) would hand to Custos; the coins do not exist on any network.
 */
final class DemoPsbt {
  static final long FUNDING_SAT = 50_000_000;
  static final long PAYMENT_SAT = 70_000_000;
  static final long FEE_SAT = 2_000;

  private DemoPsbt() {}

  static Psbt build(List<Account> accounts) {
    Account wpkh = find(accounts, AccountType.BIP84);
    Account tr = find(accounts, AccountType.BIP86);
    if (wpkh.network() != Network.REGTEST) {
      throw new IllegalArgumentException("the walkthrough only builds regtest PSBTs");
    }
    Transaction fundWpkh = funding("wpkh", wpkh.scriptPubKey(Account.RECEIVE, 0));
    Transaction fundTr = funding("tr", tr.scriptPubKey(Account.RECEIVE, 0));
    PublicKey wpkhKey = wpkh.publicKey(Account.RECEIVE, 0);
    PublicKey trKey = tr.publicKey(Account.RECEIVE, 0);
    PublicKey changeKey = wpkh.publicKey(Account.CHANGE, 0);

    PsbtInput in0 = new PsbtInput(Optional.of(fundWpkh), Optional.of(fundWpkh.txOut.get(0)), Map.of(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Map.of(wpkhKey, origin(wpkh, Account.RECEIVE)), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Map.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), List.of());
    PsbtInput in1 = new PsbtInput(Optional.of(fundTr), Optional.of(fundTr.txOut.get(0)), Map.of(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Map.of(), List.of(), Map.of(trKey.xOnly(), new TapKeyOrigin(List.of(), origin(tr, Account.RECEIVE))),
        Optional.of(trKey.xOnly()), Optional.empty(), List.of());

    TxOut payment = new TxOut(new Satoshi(PAYMENT_SAT), new ByteVector(Script.write(Script.pay2wpkh(externalKey()))));
    TxOut change = new TxOut(new Satoshi(2 * FUNDING_SAT - PAYMENT_SAT - FEE_SAT), wpkh.scriptPubKey(Account.CHANGE, 0));
    Transaction unsigned = new Transaction(2,
        List.of(new TxIn(new OutPoint(fundWpkh, 0), 0xfffffffdL), new TxIn(new OutPoint(fundTr, 0), 0xfffffffdL)),
        List.of(payment, change), 0);
    PsbtOutput plain = new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), List.of());
    PsbtOutput changeMap = new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(changeKey, origin(wpkh, Account.CHANGE)),
        OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), List.of());
    PsbtGlobal global = new PsbtGlobal(Optional.of(unsigned), Map.of(), 2, OptionalLong.empty(), OptionalInt.empty(), List.of());
    return new Psbt(0, global, List.of(in0, in1), List.of(plain, changeMap));
  }

  /** The payee: a key nobody in the walkthrough holds (derived from a fixed public label). */
  static PublicKey externalKey() {
    return new PrivateKey(Crypto.sha256("custos walkthrough payee".getBytes(StandardCharsets.US_ASCII))).publicKey();
  }

  private static KeyOrigin origin(Account a, int branch) {
    return new KeyOrigin(a.masterFingerprint(), a.accountPath().child(branch).child(0));
  }

  private static Account find(List<Account> accounts, AccountType type) {
    return accounts.stream().filter(a -> a.type() == type).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("wallet has no " + type + " account"));
  }

  /** A made-up transaction paying {@code script}; its input refers to a made-up outpoint. */
  private static Transaction funding(String label, ByteVector script) {
    ByteVector32 fakePrev = new ByteVector32(Crypto.sha256(("custos walkthrough funding " + label).getBytes(StandardCharsets.US_ASCII)));
    TxIn in = new TxIn(new OutPoint(new TxId(fakePrev), 0), ByteVector.empty, 0xffffffffL, new ScriptWitness());
    return new Transaction(2, List.of(in), List.of(new TxOut(new Satoshi(FUNDING_SAT), script)), 0);
  }
}
