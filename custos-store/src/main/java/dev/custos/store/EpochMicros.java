package dev.custos.store;

import java.time.Instant;

/**
 * Times as stored: signed 64-bit microseconds since 1970-01-01T00:00Z, never locale-dependent
 * text. Sub-microsecond digits are dropped ({@link #floor}) except where rounding down would be
 * unsafe ({@link #ceil}, for the high-water mark).
 */
final class EpochMicros {
  private EpochMicros() {}

  static long floor(Instant t) throws StoreException {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new StoreException("time " + t + " is outside the storable range");
    }
  }

  static long ceil(Instant t) throws StoreException {
    long micros = floor(t);
    return t.getNano() % 1_000 == 0 ? micros : micros + 1;
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
