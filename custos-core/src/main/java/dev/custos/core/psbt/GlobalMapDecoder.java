package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Decodes and validates the global map (BIP174, BIP370 inclusion and exclusion rules). */
final class GlobalMapDecoder {
  static final String LOCATION = "global";
  private static final int XPUB_LENGTH = 78;

  /** The decoded global map with the map counts it declares. */
  record Decoded(int version, PsbtGlobal global, long inputCount, long outputCount) {}

  private GlobalMapDecoder() {}

  static Decoded decode(List<MapEntry> entries) throws PsbtFormatException {
    int version = version(entries);
    Optional<Transaction> unsignedTx = Optional.empty();
    Map<ByteVector, KeyOrigin> xpubs = new LinkedHashMap<>();
    OptionalLong txVersion = OptionalLong.empty();
    OptionalLong fallbackLocktime = OptionalLong.empty();
    OptionalLong inputCount = OptionalLong.empty();
    OptionalLong outputCount = OptionalLong.empty();
    OptionalInt txModifiable = OptionalInt.empty();
    List<RawEntry> other = new ArrayList<>();
    for (MapEntry e : entries) {
      GlobalField field = GlobalField.of(e.type());
      if (field == null) {
        other.add(e.raw());
        continue;
      }
      FieldSite site = new FieldSite(LOCATION, field.fieldName());
      try {
        switch (field) {
          case UNSIGNED_TX -> {
            onlyIn(0, version, site);
            site.requireNoKeyData(e);
            unsignedTx = Optional.of(TransactionValues.unsignedTx(e.value(), site));
          }
          case XPUB -> xpubs.put(new ByteVector(e.keyData()), xpub(e, site));
          case TX_VERSION -> {
            onlyIn(2, version, site);
            txVersion = OptionalLong.of(site.uint32(e));
          }
          case FALLBACK_LOCKTIME -> {
            onlyIn(2, version, site);
            fallbackLocktime = OptionalLong.of(site.uint32(e));
          }
          case INPUT_COUNT -> {
            onlyIn(2, version, site);
            inputCount = OptionalLong.of(count(e, site));
          }
          case OUTPUT_COUNT -> {
            onlyIn(2, version, site);
            outputCount = OptionalLong.of(count(e, site));
          }
          case TX_MODIFIABLE -> {
            onlyIn(2, version, site);
            site.requireNoKeyData(e);
            site.requireValueLength(e, 1);
            txModifiable = OptionalInt.of(e.value()[0] & 0xff);
          }
          case VERSION -> {
            // Decoded first, by version(); a version 0 PSBT is written without it.
          }
          case PROPRIETARY -> {
            ProprietaryKeys.validate(e, site);
            other.add(e.raw());
          }
        }
      } catch (RuntimeException ex) {
        throw site.error("value is malformed (" + ex.getClass().getSimpleName() + ")");
      }
    }
    if (version == 0) {
      Transaction tx = unsignedTx.orElseThrow(() -> missing(GlobalField.UNSIGNED_TX, 0));
      PsbtGlobal global = new PsbtGlobal(unsignedTx, xpubs, tx.version, OptionalLong.empty(),
          OptionalInt.empty(), other);
      return new Decoded(0, global, tx.txIn.size(), tx.txOut.size());
    }
    PsbtGlobal global = new PsbtGlobal(Optional.empty(), xpubs,
        txVersion.orElseThrow(() -> missing(GlobalField.TX_VERSION, 2)), fallbackLocktime,
        txModifiable, other);
    return new Decoded(2, global, inputCount.orElseThrow(() -> missing(GlobalField.INPUT_COUNT, 2)),
        outputCount.orElseThrow(() -> missing(GlobalField.OUTPUT_COUNT, 2)));
  }

  private static int version(List<MapEntry> entries) throws PsbtFormatException {
    for (MapEntry e : entries) {
      if (e.type() == GlobalField.VERSION.type) {
        FieldSite site = new FieldSite(LOCATION, GlobalField.VERSION.fieldName());
        long v = site.uint32(e);
        if (v != 0 && v != 2) {
          throw site.error("unsupported PSBT version " + v + " (supported: 0, 2)");
        }
        return (int) v;
      }
    }
    return 0;
  }

  private static void onlyIn(int allowed, int version, FieldSite site) throws PsbtFormatException {
    if (version != allowed) {
      throw site.error("not allowed in version " + version);
    }
  }

  private static PsbtFormatException missing(GlobalField field, int version) {
    return new PsbtFormatException(
        LOCATION + ": " + field.fieldName() + " missing (required in version " + version + ")");
  }

  private static long count(MapEntry e, FieldSite site) throws PsbtFormatException {
    site.requireNoKeyData(e);
    ByteReader in = site.reader(e.value());
    long n = in.readCompactSize();
    in.expectEnd();
    return n;
  }

  private static KeyOrigin xpub(MapEntry e, FieldSite site) throws PsbtFormatException {
    byte[] xpub = e.keyData();
    if (xpub.length != XPUB_LENGTH) {
      throw site.error("extended public key must be " + XPUB_LENGTH + " bytes, found " + xpub.length);
    }
    PsbtKeys.compressed(Arrays.copyOfRange(xpub, 45, XPUB_LENGTH), site);
    ByteReader in = site.reader(e.value());
    KeyOrigin origin = KeyOrigins.read(in);
    int depth = xpub[4] & 0xff;
    if (origin.path().depth() != depth) {
      throw site.error("key origin path has " + origin.path().depth()
          + " elements but the extended public key has depth " + depth);
    }
    return origin;
  }
}
