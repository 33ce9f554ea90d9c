package dev.custos.core.approval;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;

/**
 * The exact text an approver signs, one line of printable ASCII of at most {@value #MAX_LENGTH}
 * characters (it fits the "sign message" screens of Ledger, Trezor, Coldcard, Jade and Sparrow):
 *
 * <pre>custos/v1 ACTION KIND NETWORK request=HASH expires=YYYY-MM-DDTHH:MM:SSZ summary=SUMMARY</pre>
 *
 * e.g. {@code custos/v1 approve spend mainnet request=9f86…0a08 expires=2026-06-01T12:00:00Z
 * summary=spend 1.25000000 BTC from wallet 73c5da0a txid 3f2a1b2c4d5e6f70}. Every field but the
 * summary is a single token at a fixed position, so two texts are equal only if action, kind,
 * network, request hash, expiry and summary all are: approvals of different requests, kinds or
 * networks can never share a text. The hash commits to everything else in the proposal.
 */
public record ApprovalText(ApprovalAction action, ProposalKind kind, Network network, RequestHash request, Instant expiresAt, String summary) {
  /** Coldcard's message limit, the smallest among the supported devices. */
  public static final int MAX_LENGTH = 240;
  /** Longest summary: the rest of {@link #MAX_LENGTH} after the longest fixed fields. */
  public static final int MAX_SUMMARY = 80;
  static final String DOMAIN = "custos/v1";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  public ApprovalText {
    if (action == null || kind == null || network == null || request == null || expiresAt == null) {
      throw new IllegalArgumentException("approval text: every field is required");
    }
    checkTime(expiresAt, "expiry");
    checkSummary(summary);
  }

  /** The single line to sign. */
  public String render() {
    return DOMAIN + " " + action.id() + " " + kind.id() + " " + network.id() + " request=" + request.hex()
        + " expires=" + TIME.format(expiresAt) + " summary=" + summary;
  }

  @Override
  public String toString() {
    return render();
  }

  /** Parses exactly what {@link #render()} produces, field by field; anything else is refused. */
  public static ApprovalText parse(String text) throws ApprovalTextFormatException {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new ApprovalTextFormatException("empty or longer than " + MAX_LENGTH + " characters");
    }
    String[] t = text.split(" ", 7);
    if (t.length != 7) {
      throw new ApprovalTextFormatException("expected 7 space-separated fields, found " + t.length);
    }
    if (!t[0].equals(DOMAIN)) {
      throw new ApprovalTextFormatException("must start with '" + DOMAIN + " '");
    }
    ApprovalAction action = ApprovalAction.fromId(t[1])
        .orElseThrow(() -> new ApprovalTextFormatException("field 2: unknown action (expected approve or reject)"));
    ProposalKind kind = ProposalKind.fromId(t[2]).orElseThrow(() -> new ApprovalTextFormatException("field 3: unknown kind"));
    Network network = network(t[3]);
    String hash = field(t[4], "request=", 5);
    if (hash.length() != 64 || !hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new ApprovalTextFormatException("field 5: request hash must be 64 lower-case hex digits");
    }
    Instant expires;
    try {
      expires = TIME.parse(field(t[5], "expires=", 6), Instant::from);
    } catch (DateTimeParseException e) {
      throw new ApprovalTextFormatException("field 6: expiry must be YYYY-MM-DDTHH:MM:SSZ");
    }
    String summary = field(t[6], "summary=", 7);
    try {
      ApprovalText parsed = new ApprovalText(action, kind, network, new RequestHash(new ByteVector32(HexFormat.of().parseHex(hash))), expires, summary);
      if (!parsed.render().equals(text)) {
        throw new ApprovalTextFormatException("not in canonical form");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new ApprovalTextFormatException(e.getMessage());
    }
  }

  private static Network network(String id) throws ApprovalTextFormatException {
    for (Network n : Network.values()) {
      if (n.id().equals(id)) {
        return n;
      }
    }
    throw new ApprovalTextFormatException("field 4: unknown network (expected mainnet, testnet, signet or regtest)");
  }

  private static String field(String token, String label, int index) throws ApprovalTextFormatException {
    if (!token.startsWith(label)) {
      throw new ApprovalTextFormatException("field " + index + " must start with '" + label + "'");
    }
    return token.substring(label.length());
  }

  static void checkTime(Instant t, String what) {
    if (t.getNano() != 0 || t.isBefore(Instant.EPOCH) || t.isAfter(LAST)) {
      throw new IllegalArgumentException(what + " must be whole seconds between 1970 and 9999");
    }
  }

  /** Summary rules: 1..80 printable ASCII characters, no leading, trailing or doubled spaces. */
  static void checkSummary(String summary) {
    if (summary == null || summary.isEmpty() || summary.length() > MAX_SUMMARY) {
      throw new IllegalArgumentException("summary must be 1.." + MAX_SUMMARY + " characters");
    }
    for (int i = 0; i < summary.length(); i++) {
      char c = summary.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("summary character at index " + i + " is not printable ASCII");
      }
    }
    if (summary.startsWith(" ") || summary.endsWith(" ") || summary.contains("  ")) {
      throw new IllegalArgumentException("summary must not start or end with a space or contain two in a row");
    }
  }
}
