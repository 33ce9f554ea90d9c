package dev.custos.server.tls;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the certificates whose SHA-256 fingerprint (of the DER leaf certificate) was
 * pinned, on either side of a mutually authenticated TLS connection: no CA, no host name, no
 * expiry (the pin is the identity, fixed when the group was formed, as SSH host keys are).
 * Used by the FROST cosigner transport: cosigners pin their coordinators, coordinators pin the
 * cosigners of their group.
 */
public final class PinnedCertificates extends X509ExtendedTrustManager {
  private final Set<String> fingerprints;

  /** @param fingerprints lowercase or uppercase hex SHA-256 fingerprints, 64 digits each */
  public PinnedCertificates(Set<String> fingerprints) {
    for (String f : fingerprints) {
      if (!f.matches("[0-9A-Fa-f]{64}")) {
        throw new IllegalArgumentException("certificate fingerprint '" + f + "' is not 64 hex digits (SHA-256)");
      }
    }
    this.fingerprints = Set.copyOf(fingerprints.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
  }

  /** The SHA-256 fingerprint (lowercase hex) of a certificate's DER encoding. */
  public static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The fingerprint of the first certificate in a PEM file. */
  public static String fingerprint(Path pemCertificate) throws TlsException {
    try (InputStream in = Files.newInputStream(pemCertificate)) {
      return fingerprint((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (CertificateException e) {
      throw new TlsException(pemCertificate + " is not a PEM X.509 certificate");
    } catch (IOException e) {
      throw new TlsException("cannot read " + pemCertificate + ": " + e.getClass().getSimpleName());
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no peer certificate");
    }
    String f = fingerprint(chain[0]);
    if (!fingerprints.contains(f)) {
      throw new CertificateException("peer certificate " + f + " is not pinned");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
