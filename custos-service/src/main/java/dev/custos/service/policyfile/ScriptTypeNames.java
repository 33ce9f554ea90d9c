package dev.custos.service.policyfile;

import dev.custos.core.sign.ScriptType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Script types by their core labels: p2pkh, p2sh-p2wpkh, p2sh-p2wsh, p2sh, p2wpkh, p2wsh, p2tr, unknown. */
final class ScriptTypeNames {
  private ScriptTypeNames() {}

  static ScriptType type(String label) {
    for (ScriptType t : ScriptType.values()) {
      if (t.label().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException(Quoted.of(label) + " is not a script type (use "
        + Arrays.stream(ScriptType.values()).map(ScriptType::label).collect(Collectors.joining(", ")) + ")");
  }
}
