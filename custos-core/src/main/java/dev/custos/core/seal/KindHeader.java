package dev.custos.core.seal;

import java.io.ByteArrayOutputStream;

/** The kind-specific part of a sealed blob's header: what the sealer needs to rebuild its KEK. */
sealed interface KindHeader permits PassphraseHeader {

  SealerKind kind();

  /** Appends this header's frozen encoding. */
  void writeTo(ByteArrayOutputStream out);
}
