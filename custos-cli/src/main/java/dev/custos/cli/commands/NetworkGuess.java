package dev.custos.cli.commands;

import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import java.util.stream.Stream;

/**
 * Picks the network for addresses when none is given: BIP44-style key paths with coin type 1'
 * mean testnet (whose addresses signet shares), otherwise mainnet. Only affects how addresses are
 * printed, never what is signed.
 */
final class NetworkGuess {
  private NetworkGuess() {}

  static Network fromKeyPaths(Psbt psbt) {
    Stream<KeyOrigin> origins = Stream.concat(
        psbt.inputs().stream().flatMap(i -> Stream.concat(i.bip32Derivations().values().stream(),
            i.tapBip32Derivations().values().stream().map(t -> t.origin()))),
        psbt.outputs().stream().flatMap(o -> Stream.concat(o.bip32Derivations().values().stream(),
            o.tapBip32Derivations().values().stream().map(t -> t.origin()))));
    boolean testnet = origins.map(KeyOrigin::path)
        .filter(p -> p.depth() >= 2)
        .anyMatch(p -> p.indexes().get(1) == KeyPath.hardened(1));
    return testnet ? Network.TESTNET : Network.MAINNET;
  }
}
