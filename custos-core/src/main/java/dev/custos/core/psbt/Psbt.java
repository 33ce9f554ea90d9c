package dev.custos.core.psbt;

import java.util.List;

/**
 * A partially signed Bitcoin transaction, version 0 (BIP174) or 2 (BIP370), with BIP371 taproot
 * fields. Immutable. Parse with {@link PsbtCodec#parse(byte[])}, write with
 * {@link PsbtCodec#serialize(Psbt)}; the version is preserved.
 *
 * <p>Invariants established by the parser: version 0 has an unsigned tx whose input and output
 * counts equal the number of input and output maps; version 2 has no unsigned tx and every
 * input has a previous txid and output index, every output an amount and a script.
 */
public record Psbt(int version, PsbtGlobal global, List<PsbtInput> inputs, List<PsbtOutput> outputs) {
  public Psbt {
    if (version != 0 && version != 2) {
      throw new IllegalArgumentException("unsupported PSBT version " + version);
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Psbt withInput(int index, PsbtInput input) {
    var l = new java.util.ArrayList<>(inputs);
    l.set(index, input);
    return new Psbt(version, global, l, outputs);
  }
}
