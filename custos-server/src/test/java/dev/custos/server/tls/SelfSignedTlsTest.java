package dev.custos.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated identity, read back with the JDK's own X.509 and PKCS#8 parsers. */
class SelfSignedTlsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir
  Path dir;

  @Test
  void generatesAnEcdsaP256CertificateWithTheLoopbackNamesAndTheExtraOnes() throws Exception {
    TlsIdentity id = SelfSignedTls.ensure(dir, List.of("custos.example", "10.0.0.7"), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    X509Certificate cert = read(id.certificate());
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    cert.verify(cert.getPublicKey());
    // Type 2 = dNSName, 7 = iPAddress (RFC 5280 4.2.1.6); the JDK prints IPv6 in full form.
    assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(0) + " " + l.get(1)).containsExactlyInAnyOrder(
        "2 localhost", "7 127.0.0.1", "7 0:0:0:0:0:0:0:1", "2 custos.example", "7 10.0.0.7");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(SelfSignedTls.VALIDITY));
    assertThat(cert.getNotBefore().toInstant()).isBefore(NOW);
    String pem = Files.readString(id.privateKey());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der))).isInstanceOf(ECPrivateKey.class);
    for (Path p : List.of(id.certificate(), id.privateKey())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
    }
  }

  @Test
  void reusesExistingFilesUntouched() throws Exception {
    TlsIdentity first = SelfSignedTls.ensure(dir, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    byte[] cert = Files.readAllBytes(first.certificate());
    byte[] key = Files.readAllBytes(first.privateKey());
    TlsIdentity again = SelfSignedTls.ensure(dir, List.of("new.name"), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), new SecureRandom());
    assertThat(Files.readAllBytes(again.certificate())).isEqualTo(cert);
    assertThat(Files.readAllBytes(again.privateKey())).isEqualTo(key);
  }

  @Test
  void refusesHalfAPairAnExpiredCertificateAndBadNames() throws Exception {
    TlsIdentity id = SelfSignedTls.ensure(dir, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    Clock later = Clock.fixed(NOW.plus(SelfSignedTls.VALIDITY).plusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> SelfSignedTls.ensure(dir, List.of(), later, new SecureRandom()))
        .isInstanceOf(TlsException.class).hasMessageContaining("expired at");
    Files.delete(id.privateKey());
    assertThatThrownBy(() -> SelfSignedTls.ensure(dir, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom()))
        .isInstanceOf(TlsException.class).hasMessageStartingWith("found tls.cert without tls.key");
    assertThatThrownBy(() -> SelfSignedTls.names(List.of("bad name")))
        .isInstanceOf(TlsException.class).hasMessage("TLS extra name 'bad name' is not a DNS name or IP address");
  }

  private static X509Certificate read(Path p) throws Exception {
    try (InputStream in = Files.newInputStream(p)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
