package dev.custos.core.seal;

/** The sealer kinds of the blob format, with their frozen one-byte ids. */
enum SealerKind {
  PASSPHRASE(0x01, "passphrase");

  private final int id;
  private final String label;

  SealerKind(int id, String label) {
    this.id = id;
    this.label = label;
  }

  int id() {
    return id;
  }

  String label() {
    return label;
  }

  static SealerKind fromId(int id) throws SealFormatException {
    for (SealerKind kind : values()) {
      if (kind.id == id) {
        return kind;
      }
    }
    throw new SealFormatException(String.format("unknown sealer kind 0x%02x", id));
  }
}
