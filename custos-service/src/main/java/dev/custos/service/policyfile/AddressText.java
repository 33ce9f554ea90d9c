package dev.custos.service.policyfile;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.BitcoinError;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import fr.acinq.bitcoin.utils.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An address (Base58Check P2PKH/P2SH, BIP173/BIP350 bech32/bech32m segwit) read into the output
 * script it pays, by bitcoin-kmp, for one network only: an address of another network is refused
 * and named as such. Messages never repeat the text (it might be a pasted private key).
 */
final class AddressText {
  /** Longer than any address (bech32 strings are at most 90 characters). */
  private static final int MAX_LENGTH = 90;

  private AddressText() {}

  static ByteVector script(String address, Network network) {
    Optional<ByteVector> script = decode(address, network);
    if (script.isPresent()) {
      return script.get();
    }
    List<String> others = new ArrayList<>();
    for (Network other : Network.values()) {
      if (other != network && decode(address, other).isPresent()) {
        others.add(other.id());
      }
    }
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("address is for " + String.join("/", others) + ", but the policy is for " + network.id());
    }
    throw new IllegalArgumentException("not a valid " + network.id() + " address");
  }

  private static Optional<ByteVector> decode(String address, Network network) {
    if (address.isEmpty() || address.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      Either<BitcoinError, List<ScriptElt>> r = Bitcoin.addressToPublicKeyScript(network.chainHash(), address);
      return r.isRight() ? Optional.of(new ByteVector(Script.write(r.getRight()))) : Optional.empty();
    } catch (RuntimeException malformed) {
      // bitcoin-kmp's decoders throw on some malformed text instead of returning an error value
      return Optional.empty();
    }
  }
}
