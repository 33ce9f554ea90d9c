package dev.custos.core.approval;

import dev.custos.core.message.ApproverKey;
import fr.acinq.bitcoin.Crypto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * N approver keys with threshold M (1 <= M <= N <= {@value #MAX_SIZE}); the admin set and a spend
 * approver set are both ApproverSets. Refused at construction: a key listed twice, a compressed key
 * together with its own x-only key, and a compressed key together with its own P2PKH, P2WPKH or
 * P2SH-P2WPKH address (each would let one person count twice). Two addresses of one key cannot be
 * told apart from their hashes; registering them is an operator error this check cannot see.
 */
public record ApproverSet(List<ApproverKey> keys, int threshold) {
  public static final int MAX_SIZE = 20;

  public ApproverSet {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.size() > MAX_SIZE || threshold < 1 || threshold > keys.size()) {
      throw new IllegalArgumentException("approver set: need 1 <= threshold (" + threshold + ") <= keys (" + keys.size() + ") <= " + MAX_SIZE);
    }
    Set<String> ids = new HashSet<>();
    for (ApproverKey k : keys) {
      if (!ids.add(k.id())) {
        throw new IllegalArgumentException("approver set: " + k.id() + " is listed twice");
      }
    }
    for (ApproverKey k : keys) {
      if (k instanceof ApproverKey.CompressedKey c) {
        for (String alias : aliases(c)) {
          if (ids.contains(alias)) {
            throw new IllegalArgumentException("approver set: " + alias + " is the same key as " + c.id());
          }
        }
        checkAddressesOf(c, keys);
      }
    }
  }

  /** The registered key with this id. */
  public Optional<ApproverKey> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  private static List<String> aliases(ApproverKey.CompressedKey c) {
    return List.of(c.bytes().drop(1).toHex());
  }

  private static void checkAddressesOf(ApproverKey.CompressedKey c, List<ApproverKey> keys) {
    byte[] hash = Crypto.hash160(c.bytes().toByteArray());
    byte[] redeem = new byte[22];
    redeem[1] = 0x14;
    System.arraycopy(hash, 0, redeem, 2, 20);
    byte[] scriptHash = Crypto.hash160(redeem);
    for (ApproverKey k : keys) {
      if (k instanceof ApproverKey.AddressKey a) {
        byte[] program = a.address().program().toByteArray();
        boolean same = switch (a.address().type()) {
          case P2PKH, P2WPKH -> Arrays.equals(program, hash);
          case P2SH_P2WPKH -> Arrays.equals(program, scriptHash);
          case P2TR -> false;
        };
        if (same) {
          throw new IllegalArgumentException("approver set: " + a.id() + " is an address of " + c.id() + ", already listed");
        }
      }
    }
  }
}
