package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.PublicKey;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

/**
 * The holder's last few {@code per_commitment_point}s of one channel, shared by a
 * {@link ChannelKeys} and its copies. One channel update computes point {@code n} (to validate
 * commitment {@code n}) and point {@code n+1} (sent with the revocation of {@code n-1}), and the
 * next update validates commitment {@code n+1}: remembering the point saves its secret derivation
 * and a curve multiplication. Points are public values; nothing secret is kept here.
 */
final class RecentPoints {
  private static final int SLOTS = 4;

  private record Entry(long number, PublicKey point) {}

  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

  /** Point {@code n}, from memory or from {@code derive} (then remembered). */
  PublicKey point(long n, LongFunction<PublicKey> derive) {
    int slot = (int) Math.floorMod(n, (long) SLOTS);
    Entry e = slots.get(slot);
    if (e != null && e.number() == n) {
      return e.point();
    }
    PublicKey point = derive.apply(n);
    slots.set(slot, new Entry(n, point));
    return point;
  }
}
