package dev.custos.core.psbt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the PSBTs of the "Test Vectors" sections of the unmodified BIP174, BIP370 and BIP371
 * mediawiki files in {@code vectors/psbt/}. Each PSBT is taken from its "Base64 String"; when a
 * "Bytes in Hex" form precedes it, it must decode to the same bytes.
 *
 * <p>What each vector is expected to do when <em>parsed</em>:
 * <ul>
 *   <li>"The following are invalid PSBTs" (all three BIPs): parsing fails.
 *   <li>"The following are valid PSBTs": parsing succeeds.
 *   <li>BIP174 "Fails Signer checks": these fail a signer's checks, not parsing; they must parse.
 *   <li>BIP174 role workflow (creator, updater, signer, combiner, finalizer PSBTs, from "The
 *       private keys in the tests below" on): every PSBT there is a valid PSBT and must parse;
 *       the extracted network transaction has no Base64 form and is not a PSBT, so it is skipped.
 *   <li>BIP370 "The timelock for the following PSBTs should be computed to be N": must parse, and
 *       the unsigned transaction's lock time is N.
 *   <li>BIP370 "The timelock for the following PSBTs cannot be computed": Custos rejects such a
 *       PSBT at parse time (no transaction can be built from it), so parsing fails.
 * </ul>
 */
final class BipPsbtVectors {
  enum Expectation { VALID, INVALID }

  record Vector(String bip, int number, String name, Expectation expectation, byte[] psbt,
      OptionalLong lockTime) {
    @Override
    public String toString() {
      return bip + " #" + number + " " + expectation + ": " + name;
    }
  }

  private static final Pattern PRE = Pattern.compile("<pre>(.*?)(</pre>|$)");
  private static final Pattern LOCKTIME = Pattern.compile("should be computed to be (\\d+)");

  private BipPsbtVectors() {}

  static List<Vector> all() {
    List<Vector> all = new ArrayList<>();
    all.addAll(read("bip-0174.mediawiki", "BIP174"));
    all.addAll(read("bip-0370.mediawiki", "BIP370"));
    all.addAll(read("bip-0371.mediawiki", "BIP371"));
    return all;
  }

  static List<Vector> read(String file, String bip) {
    List<String> lines = section(load("/vectors/psbt/" + file));
    List<Vector> out = new ArrayList<>();
    Expectation expectation = null;
    OptionalLong lockTime = OptionalLong.empty();
    String caseName = null;
    String prose = null;
    String hex = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("The following are invalid PSBTs")) {
        expectation = Expectation.INVALID;
      } else if (line.startsWith("The following are valid PSBTs") || line.equals("Fails Signer checks")
          || line.startsWith("The private keys in the tests below")) {
        expectation = Expectation.VALID;
      } else if (line.startsWith("The timelock for the following PSBTs")) {
        Matcher m = LOCKTIME.matcher(line);
        if (m.find()) {
          expectation = Expectation.VALID;
          lockTime = OptionalLong.of(Long.parseLong(m.group(1)));
        } else if (line.contains("cannot be computed")) {
          expectation = Expectation.INVALID;
          lockTime = OptionalLong.empty();
        } else {
          throw new IllegalStateException("unrecognised timelock heading: " + line);
        }
      }
      if (line.startsWith("* Case:")) {
        caseName = line.substring("* Case:".length()).trim();
        hex = null;
      } else if (line.toLowerCase().contains("bytes in hex")) {
        StringBuilder text = new StringBuilder(line);
        while (!text.toString().contains("</pre>") && i + 1 < lines.size()) {
          text.append(lines.get(++i));
        }
        hex = preContent(text.toString()).replace("<", "").replaceAll("\\s", "");
      } else if (line.contains("Base64 String")) {
        if (expectation == null) {
          throw new IllegalStateException(bip + ": vector before any section heading: " + line);
        }
        byte[] psbt = Base64.getDecoder().decode(preContent(line).trim());
        if (hex != null && !HexFormat.of().formatHex(psbt).equalsIgnoreCase(hex)) {
          throw new IllegalStateException(bip + ": hex and Base64 forms differ for " + caseName);
        }
        String name = caseName != null ? caseName : prose;
        out.add(new Vector(bip, out.size() + 1, name, expectation, psbt, lockTime));
        caseName = null;
        hex = null;
      } else if (!line.isEmpty() && !line.startsWith("*")) {
        prose = line;
        hex = null;
      }
    }
    return out;
  }

  private static String preContent(String line) {
    Matcher m = PRE.matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("no <pre> block in: " + line);
    }
    return m.group(1);
  }

  private static List<String> section(String text) {
    List<String> lines = text.lines().toList();
    int start = lines.indexOf("==Test Vectors==");
    if (start < 0) {
      throw new IllegalStateException("no Test Vectors section");
    }
    int end = start + 1;
    while (end < lines.size() && !(lines.get(end).startsWith("==") && !lines.get(end).startsWith("==="))) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  private static String load(String resource) {
    try (InputStream in = BipPsbtVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
