package dev.custos.core.sign;

import java.util.List;

/**
 * What the signer did with one input.
 *
 * @param index input index
 * @param scriptType spending template of the spent output, if known
 * @param signatures number of signatures added (0 when the input is not ours or already final)
 * @param status outcome
 * @param notes human-readable details and warnings for this input
 */
public record InputSigning(int index, ScriptType scriptType, int signatures, Status status, List<String> notes) {
  public InputSigning {
    notes = List.copyOf(notes);
  }

  /** Outcome for one input. */
  public enum Status {
    SIGNED,
    NOT_OURS,
    ALREADY_FINAL
  }
}
