package dev.custos.service.policyfile;

import dev.custos.core.keys.DescriptorChecksum;
import dev.custos.core.keys.ExtendedPublicKey;
import dev.custos.core.keys.InvalidExtendedKeyException;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Destination;
import fr.acinq.bitcoin.ByteVector;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads the descriptors a policy accepts as destinations (BIP380 with BIP381-382, 385-386):
 * {@code addr(ADDRESS)}, {@code raw(HEX)}, and the single-key ranged {@code pkh(KEY)},
 * {@code sh(wpkh(KEY))}, {@code wpkh(KEY)}, {@code tr(KEY)} with {@code KEY} an xpub/tpub of the
 * policy's network, an optional key origin, and {@code /BRANCH/*}. A {@code #checksum}, when
 * present, must verify (BIP380 "Checksum"). Errors never repeat the text.
 */
final class DescriptorText {
  static final int MAX_LENGTH = 1000;
  private static final int MAX_RAW_BYTES = 10_000;
  private static final Pattern ORIGIN = Pattern.compile("[0-9a-fA-F]{8}(/[0-9]{1,10}['hH]?)*");
  private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");
  private static final Pattern BRANCH = Pattern.compile("[0-9]{1,10}");
  private static final String SUPPORTED =
      "supported descriptors: addr(ADDRESS), raw(HEX), pkh(KEY), wpkh(KEY), sh(wpkh(KEY)), tr(KEY) with one key";

  private DescriptorText() {}

  static DestinationDescriptor parse(String text, Network network) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("descriptor is longer than " + MAX_LENGTH + " characters");
    }
    int hash = text.indexOf('#');
    String body = hash < 0 ? text : text.substring(0, hash);
    DestinationDescriptor descriptor = body(body, network);
    if (hash >= 0 && !DescriptorChecksum.verify(text)) {
      throw new IllegalArgumentException("descriptor checksum does not match (the descriptor's checksum is #"
          + DescriptorChecksum.of(body) + ")");
    }
    return descriptor;
  }

  private static DestinationDescriptor body(String body, Network network) {
    for (RangedKeyDescriptor.Kind kind : RangedKeyDescriptor.Kind.values()) {
      if (body.startsWith(kind.open) && body.endsWith(kind.close)
          && body.length() >= kind.open.length() + kind.close.length()) {
        return key(kind, body.substring(kind.open.length(), body.length() - kind.close.length()), network);
      }
    }
    if (body.startsWith("addr(") && body.endsWith(")")) {
      String address = body.substring(5, body.length() - 1);
      return new DestinationDescriptor.Fixed(new Destination(AddressText.script(address, network), "address " + address));
    }
    if (body.startsWith("raw(") && body.endsWith(")")) {
      String hex = body.substring(4, body.length() - 1);
      if (!HEX.matcher(hex).matches() || hex.length() > 2 * MAX_RAW_BYTES) {
        throw new IllegalArgumentException("raw() needs a script as 1 to " + MAX_RAW_BYTES + " bytes of hex");
      }
      ByteVector script = new ByteVector(HexFormat.of().parseHex(hex));
      return new DestinationDescriptor.Fixed(new Destination(script, "script " + shorten(script.toHex())));
    }
    throw new IllegalArgumentException("not a descriptor this policy accepts (" + SUPPORTED + ")");
  }

  private static RangedKeyDescriptor key(RangedKeyDescriptor.Kind kind, String key, Network network) {
    String origin = "";
    String rest = key;
    if (key.startsWith("[")) {
      int close = key.indexOf(']');
      if (close < 0 || !ORIGIN.matcher(key.substring(1, close)).matches()) {
        throw new IllegalArgumentException("key origin must be [FINGERPRINT/PATH] with an 8-hex-digit fingerprint");
      }
      origin = key.substring(0, close + 1);
      int slash = origin.indexOf('/');
      if (slash > 0) {
        KeyPath.parse(origin.substring(slash + 1, origin.length() - 1));
      }
      rest = key.substring(close + 1);
    }
    if (rest.contains(",") || rest.contains("(")) {
      throw new IllegalArgumentException("only a single key is accepted (" + SUPPORTED + ")");
    }
    if (rest.contains("<")) {
      throw new IllegalArgumentException("multipath keys (<0;1>) are not accepted: list each branch as its own entry");
    }
    String[] parts = rest.split("/", -1);
    if (parts.length != 3 || !parts[2].startsWith("*")) {
      throw new IllegalArgumentException("key must be ranged as XPUB/BRANCH/* (for one fixed script use addr())");
    }
    if (!parts[2].equals("*")) {
      throw new IllegalArgumentException("hardened wildcard needs the private key: end the key with an unhardened /*");
    }
    if (!BRANCH.matcher(parts[1]).matches() || KeyPath.isHardened(Long.parseLong(parts[1]))) {
      throw new IllegalArgumentException("branch must be an unhardened index below 2^31 (XPUB/BRANCH/*)");
    }
    ExtendedPublicKey xpub;
    try {
      xpub = ExtendedPublicKey.parse(parts[0], network);
    } catch (InvalidExtendedKeyException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    long branch = Long.parseLong(parts[1]);
    return new RangedKeyDescriptor(kind, xpub.deriveChild(branch), origin + shorten(parts[0]) + "/" + branch);
  }

  private static String shorten(String s) {
    return s.length() <= 16 ? s : s.substring(0, 12) + "…";
  }
}
