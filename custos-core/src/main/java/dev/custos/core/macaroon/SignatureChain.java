package dev.custos.core.macaroon;

import dev.custos.core.secret.SecretBytes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the signature chain of a macaroon and its discharges as go-macaroon's {@code verify0},
 * but collects first-party conditions instead of checking them, so that no predicate runs before
 * every signature (root and discharges) has verified.
 */
final class SignatureChain {
  private final byte[] rootSignature;
  private final List<Macaroon> discharges;
  private final boolean[] used;
  private final List<FirstPartyCaveat> conditions = new ArrayList<>();

  private SignatureChain(Macaroon root, List<Macaroon> discharges) {
    this.rootSignature = root.signature();
    this.discharges = List.copyOf(discharges);
    this.used = new boolean[this.discharges.size()];
  }

  static List<FirstPartyCaveat> verify(Macaroon root, SecretBytes rootKey, List<Macaroon> discharges)
      throws MacaroonVerificationException {
    SignatureChain chain = new SignatureChain(root, discharges);
    try (SecretBytes derived = MacaroonHashes.deriveKey(rootKey)) {
      byte[] key = derived.copy();
      try {
        chain.verify(root, key, false);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
    for (int i = 0; i < chain.used.length; i++) {
      if (!chain.used[i]) {
        throw new MacaroonVerificationException("discharge macaroon " + i + " was not used");
      }
    }
    return List.copyOf(chain.conditions);
  }

  private void verify(Macaroon m, byte[] key, boolean discharge) throws MacaroonVerificationException {
    byte[] sig = MacaroonHashes.hmac(key, m.identifier());
    int position = 0;
    for (Caveat c : m.caveats()) {
      switch (c) {
        case FirstPartyCaveat f -> {
          conditions.add(f);
          sig = MacaroonHashes.hmac(sig, f.identifier());
        }
        case ThirdPartyCaveat t -> {
          int index = position;
          byte[] caveatKey = decryptCaveatKey(sig, t.verificationId())
              .orElseThrow(() -> new MacaroonVerificationException(
                  "failed to decrypt the key of caveat " + index));
          try {
            verify(findDischarge(t.identifier()), caveatKey, true);
          } finally {
            Arrays.fill(caveatKey, (byte) 0);
          }
          sig = MacaroonHashes.hmac2(sig, t.verificationId(), t.identifier());
        }
      }
      position++;
    }
    if (discharge) {
      sig = MacaroonHashes.bind(rootSignature, sig);
    }
    if (!MessageDigest.isEqual(sig, m.signature())) {
      throw new MacaroonVerificationException("signature mismatch after caveat verification");
    }
  }

  private static Optional<byte[]> decryptCaveatKey(byte[] sig, byte[] vid) {
    if (vid.length != SecretBox.NONCE_BYTES + SecretBox.TAG_BYTES + SecretBox.KEY_BYTES) {
      return Optional.empty();
    }
    byte[] nonce = Arrays.copyOfRange(vid, 0, SecretBox.NONCE_BYTES);
    byte[] box = Arrays.copyOfRange(vid, SecretBox.NONCE_BYTES, vid.length);
    return SecretBox.open(sig, nonce, box);
  }

  private Macaroon findDischarge(byte[] caveatId) throws MacaroonVerificationException {
    for (int i = 0; i < discharges.size(); i++) {
      if (Arrays.equals(discharges.get(i).identifier(), caveatId)) {
        if (used[i]) {
          throw new MacaroonVerificationException("discharge macaroon " + i + " was used more than once");
        }
        used[i] = true;
        return discharges.get(i);
      }
    }
    throw new MacaroonVerificationException("cannot find discharge macaroon for a third-party caveat");
  }
}
