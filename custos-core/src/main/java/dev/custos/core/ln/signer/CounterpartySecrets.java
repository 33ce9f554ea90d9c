package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.ln.bolt3.Shachain;
import dev.custos.core.secret.SecretBytes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The per-commitment secrets the counterparty revealed, as an immutable value in BOLT 3 compact
 * storage ({@link Shachain} entries): {@link #insert} returns a new value and leaves this one
 * unchanged. These secrets are the counterparty's, revealed on purpose; they let us claim a
 * revoked commitment's outputs and are held as secrets all the same (never printed).
 */
public final class CounterpartySecrets {
  /** One compact-storage entry: secret index and its 32 bytes. */
  public record Entry(long index, byte[] secret) {
    public Entry {
      if (secret == null || secret.length != 32) {
        throw new IllegalArgumentException("a stored per-commitment secret has 32 bytes");
      }
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.index == index && MessageDigest.isEqual(e.secret, secret);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(index);
    }

    @Override
    public String toString() {
      return "Entry[index=" + index + ", secret=<secret>]";
    }
  }

  public static final CounterpartySecrets EMPTY = new CounterpartySecrets(List.of());

  private final List<Entry> entries;

  private CounterpartySecrets(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The storage holding {@code entries}, checked like {@link Shachain#restore}.
   *
   * @throws Bolt3Exception when the entries are not one consistent compact storage
   */
  public static CounterpartySecrets of(List<Entry> entries) throws Bolt3Exception {
    try (Shachain chain = restore(entries)) {
      return new CounterpartySecrets(export(chain));
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** How many commitments' secrets were received: the next expected secret is for this number. */
  public long received() {
    try (Shachain chain = restore(entries)) {
      return chain.received();
    } catch (Bolt3Exception e) {
      throw new IllegalStateException("stored secrets were checked when loaded", e);
    }
  }

  /** A new value with the secret of counterparty commitment {@code number} added. */
  public CounterpartySecrets insert(long number, SecretBytes secret) throws Bolt3Exception {
    try (Shachain chain = restore(entries)) {
      chain.insert(PerCommitmentSecrets.indexOf(number), secret);
      return new CounterpartySecrets(export(chain));
    }
  }

  /** The secret of counterparty commitment {@code number}; the caller closes it. */
  public SecretBytes lookup(long number) throws Bolt3Exception {
    try (Shachain chain = restore(entries)) {
      return chain.lookup(PerCommitmentSecrets.indexOf(number));
    }
  }

  /**
   * The commitment number below {@code revoked} whose received secret equals {@code secret}
   * (compared in constant time), newest first; empty when none does. Cost: one shachain derivation
   * (at most 48 SHA256) per revoked commitment searched.
   */
  public OptionalLong numberOf(SecretBytes secret, long revoked) {
    try (Shachain chain = restore(entries)) {
      for (long n = revoked - 1; n >= 0; n--) {
        try (SecretBytes candidate = chain.lookup(PerCommitmentSecrets.indexOf(n))) {
          if (candidate.equalsConstantTime(secret)) {
            return OptionalLong.of(n);
          }
        }
      }
      return OptionalLong.empty();
    } catch (Bolt3Exception e) {
      throw new IllegalStateException("stored secrets cover every revoked commitment", e);
    }
  }

  private static Shachain restore(List<Entry> entries) throws Bolt3Exception {
    List<Shachain.Entry> in = new ArrayList<>();
    try {
      for (Entry e : entries) {
        in.add(new Shachain.Entry(e.index(), SecretBytes.takeOwnership(e.secret())));
      }
      return Shachain.restore(in);
    } finally {
      in.forEach(e -> e.secret().close());
    }
  }

  private static List<Entry> export(Shachain chain) {
    List<Entry> out = new ArrayList<>();
    for (Shachain.Entry e : chain.entries()) {
      try (SecretBytes s = e.secret()) {
        byte[] copy = s.copy();
        out.add(new Entry(e.index(), copy));
        Arrays.fill(copy, (byte) 0);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CounterpartySecrets c && c.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "CounterpartySecrets[" + entries.size() + " entries]";
  }
}
