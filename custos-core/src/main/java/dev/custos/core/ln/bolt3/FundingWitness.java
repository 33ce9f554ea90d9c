package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.SigHash;
import java.util.List;

/** {@code 0 <signature_for_pubkey1> <signature_for_pubkey2> <funding script>}, SIGHASH_ALL. */
final class FundingWitness {
  private FundingWitness() {}

  static ScriptWitness of(PublicKey keyA, ByteVector sigA, PublicKey keyB, ByteVector sigB, ByteVector fundingScript) {
    boolean aFirst = Bolt3Scripts.compare(keyA.value.toByteArray(), keyB.value.toByteArray()) < 0;
    ByteVector a = Bolt3Signatures.withSighash(sigA, SigHash.SIGHASH_ALL);
    ByteVector b = Bolt3Signatures.withSighash(sigB, SigHash.SIGHASH_ALL);
    return new ScriptWitness(List.of(ByteVector.empty, aFirst ? a : b, aFirst ? b : a, fundingScript));
  }
}
