package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Decodes and validates one output map (BIP174, BIP370, BIP371). */
final class OutputMapDecoder {
  static final long MAX_MONEY = 21_000_000L * 100_000_000L;

  private OutputMapDecoder() {}

  static PsbtOutput decode(List<MapEntry> entries, int index, int version) throws PsbtFormatException {
    String location = "output " + index;
    Optional<ByteVector> redeemScript = Optional.empty();
    Optional<ByteVector> witnessScript = Optional.empty();
    Map<PublicKey, KeyOrigin> bip32Derivations = new LinkedHashMap<>();
    OptionalLong amount = OptionalLong.empty();
    Optional<ByteVector> script = Optional.empty();
    Optional<XonlyPublicKey> tapInternalKey = Optional.empty();
    Optional<ByteVector> tapTree = Optional.empty();
    Map<XonlyPublicKey, TapKeyOrigin> tapBip32Derivations = new LinkedHashMap<>();
    List<RawEntry> other = new ArrayList<>();
    for (MapEntry e : entries) {
      OutputField field = OutputField.of(e.type());
      if (field == null) {
        other.add(e.raw());
        continue;
      }
      FieldSite site = new FieldSite(location, field.fieldName());
      byte[] value = e.value();
      try {
        switch (field) {
          case REDEEM_SCRIPT -> {
            site.requireNoKeyData(e);
            redeemScript = Optional.of(new ByteVector(value));
          }
          case WITNESS_SCRIPT -> {
            site.requireNoKeyData(e);
            witnessScript = Optional.of(new ByteVector(value));
          }
          case BIP32_DERIVATION -> {
            byte[] key = e.keyData();
            if (key.length == 65) {
              PsbtKeys.requireValidUncompressed(key, site);
              KeyOrigins.read(site.reader(value));
              other.add(e.raw());
            } else if (key.length == 33) {
              PublicKey pub = PsbtKeys.compressed(key, site);
              bip32Derivations.put(pub, KeyOrigins.read(site.reader(value)));
            } else {
              throw site.error("key data must be a 33 or 65-byte public key, found " + key.length + " bytes");
            }
          }
          case AMOUNT -> {
            requireVersion2(version, site);
            site.requireNoKeyData(e);
            site.requireValueLength(e, 8);
            long sats = site.reader(value).readInt64();
            if (sats < 0 || sats > MAX_MONEY) {
              throw site.error("amount " + sats + " is outside [0, " + MAX_MONEY + "]");
            }
            amount = OptionalLong.of(sats);
          }
          case SCRIPT -> {
            requireVersion2(version, site);
            site.requireNoKeyData(e);
            script = Optional.of(new ByteVector(value));
          }
          case TAP_INTERNAL_KEY -> {
            site.requireNoKeyData(e);
            tapInternalKey = Optional.of(PsbtKeys.xonly(value, site));
          }
          case TAP_TREE -> {
            site.requireNoKeyData(e);
            TapTrees.validate(value, site);
            tapTree = Optional.of(new ByteVector(value));
          }
          case TAP_BIP32_DERIVATION -> {
            XonlyPublicKey key = PsbtKeys.xonly(e.keyData(), site);
            tapBip32Derivations.put(key, KeyOrigins.readTap(site.reader(value)));
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
    if (version == 2) {
      if (amount.isEmpty()) {
        throw new PsbtFormatException(location + ": PSBT_OUT_AMOUNT missing (required in version 2)");
      }
      if (script.isEmpty()) {
        throw new PsbtFormatException(location + ": PSBT_OUT_SCRIPT missing (required in version 2)");
      }
    }
    return new PsbtOutput(redeemScript, witnessScript, bip32Derivations, amount, script,
        tapInternalKey, tapTree, tapBip32Derivations, other);
  }

  private static void requireVersion2(int version, FieldSite site) throws PsbtFormatException {
    if (version != 2) {
      throw site.error("not allowed in version " + version);
    }
  }
}
