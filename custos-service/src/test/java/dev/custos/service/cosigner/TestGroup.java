package dev.custos.service.cosigner;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.SigningShare;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A 2-of-3 group made by an in-memory Pedersen DKG ({@link Dkg}; the ceremony's transport and
 * certificates are tested in custos-core), and PSBTs that spend its BIP86 output key.
 */
final class TestGroup {
  static final ByteVector EXTERNAL = new ByteVector("0014" + "ab".repeat(20));

  private TestGroup() {}

  /** Fresh certified keys for participants 1..n (the transcript hash is a stand-in: no ceremony ran). */
  static Map<Identifier, CertifiedKey> dkg(int t, int n, SecureRandom random) throws Exception {
    Dkg dkg = new Dkg(ZfSecp256k1Taproot.INSTANCE);
    Map<Identifier, Dkg.Round1> r1 = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      r1.put(Identifier.of(i), dkg.part1(Identifier.of(i), n, t, random));
    }
    Map<Identifier, Dkg.Round2> r2 = new TreeMap<>();
    for (var e : r1.entrySet()) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      r1.forEach((id, r) -> {
        if (!id.equals(e.getKey())) {
          others.put(id, r.broadcast());
        }
      });
      r2.put(e.getKey(), dkg.part2(e.getValue().secret(), others));
    }
    Map<Identifier, CertifiedKey> keys = new TreeMap<>();
    for (var e : r2.entrySet()) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      Map<Identifier, SigningShare> received = new HashMap<>();
      for (var o : r1.entrySet()) {
        if (!o.getKey().equals(e.getKey())) {
          others.put(o.getKey(), o.getValue().broadcast());
          received.put(o.getKey(), r2.get(o.getKey()).sharesToSend().get(e.getKey()));
        }
      }
      Dkg.Result result = dkg.part3(e.getValue().secret(), others, received);
      keys.put(e.getKey(), new CertifiedKey(result.keyPackage(), result.publicKeyPackage(), new byte[32]));
    }
    return keys;
  }

  /** PSBT #i: spends 100,000 sat locked to {@code outputKey} by the key path, paying {@code sendSat} out (the rest is fee). */
  static byte[] spend(byte[] internalKey, byte[] outputKey, int i, long sendSat) {
    Transaction prev = TestWallets.funding(new Random(7000L + i),
        List.of(TestWallets.out(100_000, new ByteVector("5120" + HexFormat.of().formatHex(outputKey)))));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0))
        .internalKey(new XonlyPublicKey(new ByteVector32(internalKey))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(sendSat, EXTERNAL)), List.of(PsbtFactory.plainOutput()));
    return PsbtCodec.serialize(psbt);
  }
}
