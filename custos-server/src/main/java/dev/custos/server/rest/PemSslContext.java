package dev.custos.server.rest;

import dev.custos.server.tls.TlsException;
import dev.custos.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from the same PEM files the gRPC server uses: the certificate chain
 * and an unencrypted PKCS#8 key ({@code -----BEGIN PRIVATE KEY-----}, EC or RSA). The key bytes
 * are zeroized after import and never appear in a message.
 */
final class PemSslContext {
  private static final char[] NO_PASSWORD = new char[0];

  private PemSslContext() {}

  static SSLContext load(TlsIdentity tls) throws TlsException {
    List<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(tls.certificate())) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsException("TLS certificate " + tls.certificate() + " is not a PEM X.509 chain");
    }
    if (chain.isEmpty()) {
      throw new TlsException("TLS certificate " + tls.certificate() + " holds no certificate");
    }
    PrivateKey key = privateKey(tls);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("custos", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsException("TLS key " + tls.privateKey() + " does not match certificate " + tls.certificate());
    }
  }

  private static PrivateKey privateKey(TlsIdentity tls) throws TlsException {
    byte[] der;
    try {
      String pem = Files.readString(tls.privateKey(), StandardCharsets.US_ASCII);
      int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
      int end = pem.indexOf("-----END PRIVATE KEY-----");
      if (begin < 0 || end < begin) {
        throw new TlsException("TLS key " + tls.privateKey() + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
      }
      der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    } catch (IOException | IllegalArgumentException e) {
      throw new TlsException("TLS key " + tls.privateKey() + " is unreadable or not base64 PEM");
    }
    try {
      for (String algorithm : List.of("EC", "RSA")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw new TlsException("TLS key " + tls.privateKey() + " is neither an EC nor an RSA PKCS#8 key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}
