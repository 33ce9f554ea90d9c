package dev.custos.cli.approval;

import dev.custos.cli.CliException;
import dev.custos.core.message.Bip340Message;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.secp256k1.Secp256k1;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * An automated approver's key file: exactly {@value #KEY_BYTES} raw bytes (a secp256k1 secret
 * key), mode 0600. It signs approval texts as BIP340 Schnorr over
 * {@code sha256_tag("CustosSignedMessage", text)} with libsecp256k1 (docs/approvals.md). The key is
 * a secret: read into {@link SecretBytes}, zeroized after use, never printed; a file that group
 * or others may access is refused.
 */
public final class ApproverKeyFile {
  static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private ApproverKeyFile() {}

  /** A BIP340 signature made with the key file, and the key's compressed public key (hex). */
  public record Signed(String signatureHex, String compressedKeyHex) {}

  public static Signed sign(Path file, String text, SecureRandom random) throws CliException {
    try (SecretBytes key = read(file)) {
      byte[] aux = new byte[32];
      random.nextBytes(aux);
      byte[] digest = Bip340Message.digest(text.getBytes(StandardCharsets.UTF_8)).toByteArray();
      Optional<Signed> signed = key.use(k -> {
        Secp256k1 secp = Secp256k1.Companion.get();
        if (!secp.secKeyVerify(k)) {
          return Optional.<Signed>empty();
        }
        byte[] pub = secp.pubKeyCompress(secp.pubkeyCreate(k));
        byte[] sig = secp.signSchnorr(digest, k, aux);
        return Optional.of(new Signed(HexFormat.of().formatHex(sig), HexFormat.of().formatHex(pub)));
      });
      return signed.orElseThrow(() -> CliException.badInput("approver key file " + file + " does not hold a valid secp256k1 secret key"));
    }
  }

  private static SecretBytes read(Path file) throws CliException {
    if (!Files.isRegularFile(file)) {
      throw CliException.badInput("no approver key file at " + file + " (--key)");
    }
    byte[] buffer = new byte[KEY_BYTES + 1];
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (mode.stream().anyMatch(OTHERS::contains)) {
        throw CliException.badInput("approver key file " + file + " is accessible to group or others; chmod 600 " + file);
      }
      int length;
      try (InputStream in = Files.newInputStream(file)) {
        length = in.readNBytes(buffer, 0, buffer.length);
      }
      if (length != KEY_BYTES) {
        throw CliException.badInput("approver key file " + file + " must hold exactly " + KEY_BYTES + " raw bytes"
            + (length > KEY_BYTES ? " (it is longer)" : " (it holds " + length + ")"));
      }
      return SecretBytes.copyOfRange(buffer, 0, KEY_BYTES);
    } catch (IOException e) {
      throw CliException.badInput("cannot read approver key file " + file + " (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
