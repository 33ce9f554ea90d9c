package dev.custos.core.analysis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a PSBT would do: inputs, outputs (with verified change), the amount leaving the wallet,
 * fee and estimated fee rate, and warnings. The input of both {@code psbt inspect} and the policy
 * engine.
 *
 * @param amountLeavingSat sum of outputs that are not verifiably ours
 * @param feeSat inputs minus outputs, when every input amount is known
 * @param estimatedVsize virtual size of the transaction once fully signed (estimated for
 *     inputs still unsigned)
 * @param feeRateSatPerVb fee divided by estimated vsize
 */
public record PsbtAnalysis(
    int psbtVersion,
    String network,
    String unsignedTxid,
    List<InputAnalysis> inputs,
    List<OutputAnalysis> outputs,
    OptionalLong totalInSat,
    long totalOutSat,
    long amountLeavingSat,
    OptionalLong feeSat,
    long estimatedVsize,
    Optional<Double> feeRateSatPerVb,
    List<String> warnings) {
  public PsbtAnalysis {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    warnings = List.copyOf(warnings);
  }
}
