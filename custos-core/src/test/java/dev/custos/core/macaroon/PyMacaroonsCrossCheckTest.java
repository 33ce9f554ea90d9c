package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected signatures computed by an independent implementation, ecordell/pymacaroons
 * (tests/functional_tests/functional_tests.py, MIT), which is compatible with libmacaroons. They
 * check the key derivation, the first-party step, NaCl secretbox plus the two-input hash of a
 * third-party caveat (with pymacaroons' all-zero test nonce) and the discharge binding.
 */
class PyMacaroonsCrossCheckTest {
  private static final String SECRET = "this is our super secret key; only we should know it";
  private static final String OTHER_SECRET = "this is a different super-secret key; never use the same secret twice";
  private static final String CAVEAT_KEY = "4; guaranteed random by a fair toss of the dice";
  private static final String CAVEAT_ID = "this was how we remind auth of key/pred";

  static SecretBytes key(String text) {
    return SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void basicSignature() {
    try (SecretBytes k = key(SECRET)) {
      Macaroon m = Macaroon.mint(k, utf8("we used our secret key"), "http://mybank/");
      assertThat(hex(m.signature())).isEqualTo("e3d9e02908526c4c0039ae15114115d97fdd68bf2ba379b342aaf0f617d0552f");
    }
  }

  @Test
  void firstPartyCaveat() {
    try (SecretBytes k = key(SECRET)) {
      Macaroon m = Macaroon.mint(k, utf8("we used our secret key"), "http://mybank/")
          .addFirstPartyCaveat("test = caveat");
      assertThat(hex(m.signature())).isEqualTo("197bac7a044af33332865b9266e26d493bdd668a660e44d88ce1a998c23dbd67");
    }
  }

  @Test
  void thirdPartyCaveatAndBinding() throws Exception {
    try (SecretBytes root = key(OTHER_SECRET); SecretBytes caveatKey = key(CAVEAT_KEY)) {
      Macaroon m = Macaroon.mint(root, utf8("we used our other secret key"), "http://mybank/")
          .addFirstPartyCaveat("account = 3735928559")
          .addThirdPartyCaveat(caveatKey, utf8(CAVEAT_ID), "http://auth.mybank/", new FixedRandom(0));
      assertThat(hex(m.signature())).isEqualTo("d27db2fd1f22760e4c3dae8137e2d8fc1df6c0741c18aed4b97256bf78d1f55c");

      Macaroon discharge = Macaroon.mint(caveatKey, utf8(CAVEAT_ID), "http://auth.mybank/")
          .addFirstPartyCaveat("time < 2015-01-01T00:00");
      Macaroon bound = discharge.bindForRequest(m);
      assertThat(hex(bound.signature())).isEqualTo("2eb01d0dd2b4475330739140188648cf25dda0425ea9f661f1574ca0a9eac54e");

      assertThat(m.verifySignature(root, List.of(bound)))
          .extracting(FirstPartyCaveat::condition)
          .containsExactly("account = 3735928559", "time < 2015-01-01T00:00");
    }
  }
}
