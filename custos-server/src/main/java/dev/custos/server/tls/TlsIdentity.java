package dev.custos.server.tls;

import java.nio.file.Path;

/**
 * The server's TLS certificate chain and private key, both PEM files ({@code CERTIFICATE} blocks;
 * a PKCS#8 {@code PRIVATE KEY}). Clients trust {@link #certificate()}; the key never leaves the
 * host.
 */
public record TlsIdentity(Path certificate, Path privateKey) {}
