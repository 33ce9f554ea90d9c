package dev.custos.core.analysis;

import dev.custos.core.sign.ScriptType;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One input as the analysis sees it.
 *
 * @param amountSat spent amount, when the PSBT carries the spent output
 * @param ours verified ours by derivation (always false without a wallet)
 * @param signatures signatures already present (partial, taproot key or script)
 */
public record InputAnalysis(
    int index, String outpoint, OptionalLong amountSat, ScriptType scriptType, Optional<String> address,
    boolean ours, int signatures, boolean finalized) {}
