package dev.custos.core.macaroon;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An immutable macaroon (Birgisson et al., "Macaroons: Cookies with Contextual Caveats", 2014),
 * byte-compatible with libmacaroons and go-macaroon v2, the library LND uses.
 *
 * <p>Signature chain: {@code sig0 = HMAC(derive(rootKey), identifier)} where {@code derive(k) =
 * HMAC-SHA256(key = "macaroons-key-generator" zero-padded to 32 bytes, k)}; a first-party caveat
 * sets {@code sig = HMAC(sig, condition)}; a third-party caveat sets {@code sig = HMAC(sig,
 * HMAC(sig, vid) || HMAC(sig, cid))}. The location is a hint and not signed.
 *
 * <p>Encoding: {@link #encode()} writes the libmacaroons v2 binary format; {@link #decode} reads it
 * strictly; {@link #deserialize} also reads v1 (base64 packets), as libmacaroons'
 * {@code macaroon_deserialize} does.
 *
 * <p><b>Warning:</b> a macaroon is a bearer credential. {@link #toString()} never shows the
 * signature, and neither must anything that logs one; {@link #equals} compares signatures in
 * constant time.
 */
public final class Macaroon {
  public static final int SIGNATURE_BYTES = 32;
  /** Upper bound on a v2 encoding; LND macaroons are a few hundred bytes. */
  public static final int MAX_ENCODED_BYTES = 32 * 1024;
  public static final int MAX_CAVEATS = 256;

  private final String location;
  private final byte[] identifier;
  private final List<Caveat> caveats;
  private final byte[] signature;

  Macaroon(String location, byte[] identifier, List<Caveat> caveats, byte[] signature) {
    this.location = Objects.requireNonNull(location, "location");
    this.identifier = identifier.clone();
    this.caveats = List.copyOf(caveats);
    if (signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("macaroon signature must be 32 bytes");
    }
    this.signature = signature.clone();
  }

  /**
   * Mints a macaroon as libmacaroons' {@code macaroon_create} and go-macaroon's {@code New}: the
   * root key is first derived with the "macaroons-key-generator" HMAC.
   */
  public static Macaroon mint(SecretBytes rootKey, byte[] identifier, String location) {
    if (identifier == null || location == null) {
      throw new IllegalArgumentException("macaroon needs an identifier and a location");
    }
    try (SecretBytes derived = MacaroonHashes.deriveKey(rootKey)) {
      byte[] sig = derived.use(k -> MacaroonHashes.hmac(k, identifier));
      return new Macaroon(location, identifier, List.of(), sig);
    }
  }

  /** Adds a first-party caveat with a UTF-8 condition. */
  public Macaroon addFirstPartyCaveat(String condition) {
    return addFirstPartyCaveat(condition.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a first-party caveat: {@code sig' = HMAC(sig, condition)}. */
  public Macaroon addFirstPartyCaveat(byte[] condition) {
    return with(new FirstPartyCaveat(condition), MacaroonHashes.hmac(signature, condition));
  }

  /**
   * Adds a third-party caveat as go-macaroon's {@code AddThirdPartyCaveat}: the caveat key is
   * derived like a root key, sealed with NaCl secretbox under the current signature and a fresh
   * 24-byte nonce from {@code random}, and {@code vid = nonce || box}. The third party must mint
   * the discharge with the same {@code caveatKey} and identifier {@code caveatId}.
   */
  public Macaroon addThirdPartyCaveat(SecretBytes caveatKey, byte[] caveatId, String location, SecureRandom random) {
    if (caveatId == null || location == null) {
      throw new IllegalArgumentException("third-party caveat needs an identifier and a location");
    }
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] box;
    try (SecretBytes derived = MacaroonHashes.deriveKey(caveatKey)) {
      box = derived.use(k -> SecretBox.seal(signature, nonce, k));
    }
    byte[] vid = new byte[nonce.length + box.length];
    System.arraycopy(nonce, 0, vid, 0, nonce.length);
    System.arraycopy(box, 0, vid, nonce.length, box.length);
    return with(new ThirdPartyCaveat(caveatId, vid, location), MacaroonHashes.hmac2(signature, vid, caveatId));
  }

  /**
   * Binds this discharge macaroon to {@code root}, the macaroon it will be presented with:
   * go-macaroon's {@code Bind(root.Signature())}. A bound discharge verifies only together with
   * that root macaroon.
   */
  public Macaroon bindForRequest(Macaroon root) {
    return new Macaroon(location, identifier, caveats, MacaroonHashes.bind(root.signature, signature));
  }

  /**
   * Verifies the signature chain of this macaroon and of its discharges, evaluating no caveat, as
   * go-macaroon's {@code VerifySignature}: each third-party caveat needs exactly one discharge with
   * its identifier, bound to this macaroon; every discharge must be used once.
   *
   * @return the first-party caveats of this macaroon and its discharges, for the caller to check
   * @throws MacaroonVerificationException naming the first failure (never a signature)
   */
  public List<FirstPartyCaveat> verifySignature(SecretBytes rootKey, List<Macaroon> discharges)
      throws MacaroonVerificationException {
    return SignatureChain.verify(this, rootKey, discharges);
  }

  private Macaroon with(Caveat caveat, byte[] newSignature) {
    if (caveats.size() == MAX_CAVEATS) {
      throw new IllegalStateException("a macaroon holds at most " + MAX_CAVEATS + " caveats");
    }
    List<Caveat> more = new ArrayList<>(caveats);
    more.add(caveat);
    return new Macaroon(location, identifier, more, newSignature);
  }

  public String location() {
    return location;
  }

  public byte[] identifier() {
    return identifier.clone();
  }

  public List<Caveat> caveats() {
    return caveats;
  }

  /** A copy of the signature. It is the credential: never log it. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The libmacaroons v2 binary encoding (what LND writes to admin.macaroon). */
  public byte[] encode() {
    return MacaroonV2Codec.encode(this);
  }

  /** Lower-case hex of {@link #encode()}, as LND's gRPC metadata and REST header carry it. */
  public String toHex() {
    return HexFormat.of().formatHex(encode());
  }

  /** Strictly decodes the v2 binary format; see {@link MacaroonV2Codec} for what is refused. */
  public static Macaroon decode(byte[] v2) throws MacaroonFormatException {
    return MacaroonV2Codec.decode(v2);
  }

  /**
   * Decodes as libmacaroons' {@code macaroon_deserialize}: v2 binary when the first byte is 0x02,
   * the v1 base64 text when it is a base64 character; JSON (v2j) is not supported.
   */
  public static Macaroon deserialize(byte[] serialized) throws MacaroonFormatException {
    if (serialized.length == 0) {
      throw new MacaroonFormatException("empty input");
    }
    int first = serialized[0] & 0xff;
    if (first == MacaroonV2Codec.VERSION) {
      return MacaroonV2Codec.decode(serialized);
    }
    if (first == '{') {
      throw new MacaroonFormatException("the JSON (v2j) format is not supported");
    }
    if ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9')
        || first == '+' || first == '/' || first == '-' || first == '_') {
      return MacaroonV1Codec.decode(serialized);
    }
    throw new MacaroonFormatException(String.format("unknown serialization starting with byte 0x%02x", first));
  }

  /** Decodes hex (either case) of the v2 binary format, as LND accepts it in gRPC metadata. */
  public static Macaroon fromHex(String hex) throws MacaroonFormatException {
    if (hex.length() > 2 * MAX_ENCODED_BYTES) {
      throw new MacaroonFormatException("hex macaroon of " + hex.length() + " characters is too long");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new MacaroonFormatException("macaroon is not valid hex");
    }
    return decode(bytes);
  }

  /** Base64 (standard or URL-safe, padding optional) of any format {@link #deserialize} reads. */
  public static Macaroon fromBase64(String base64) throws MacaroonFormatException {
    if (base64.length() > 4 * MAX_ENCODED_BYTES) {
      throw new MacaroonFormatException("base64 macaroon of " + base64.length() + " characters is too long");
    }
    return deserialize(LenientBase64.decode(base64));
  }

  /** Same location, identifier and caveats, and the same signature (compared in constant time). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Macaroon other
        && MessageDigest.isEqual(signature, other.signature)
        && location.equals(other.location)
        && Arrays.equals(identifier, other.identifier)
        && caveats.equals(other.caveats);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * location.hashCode() + Arrays.hashCode(identifier)) + caveats.hashCode();
  }

  /** Location, identifier and caveats; never the signature. */
  @Override
  public String toString() {
    return "Macaroon[location=" + location + ", identifier=" + HexFormat.of().formatHex(identifier)
        + ", caveats=" + caveats + "]";
  }
}
