package dev.custos.server.rpc;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The passphrase field of an Unlock request: copied into a {@link SecretBytes} (zeroized by its
 * owner) and wiped in place in the message, so the parsed request keeps no copy. Buffers of the
 * transport below the message (Netty's, grpc's parse buffer) are out of reach.
 */
final class PassphraseField {
  private PassphraseField() {}

  /** A copy of {@code field}, owned by the caller. */
  static SecretBytes copy(ByteString field) {
    byte[] bytes = field.toByteArray();
    return SecretBytes.takeOwnership(bytes);
  }

  /**
   * Overwrites the bytes behind {@code field} with zeros (protobuf parses a bytes field into a
   * private array; {@link UnsafeByteOperations#unsafeWriteTo} hands that array out without a copy).
   */
  static void wipe(ByteString field) {
    try {
      UnsafeByteOperations.unsafeWriteTo(field, new ByteOutput() {
        @Override
        public void write(byte value) {}

        @Override
        public void write(byte[] value, int offset, int length) {}

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
          Arrays.fill(value, offset, offset + length, (byte) 0);
        }

        @Override
        public void write(ByteBuffer value) {}

        @Override
        public void writeLazy(ByteBuffer value) {
          if (!value.isReadOnly()) {
            while (value.hasRemaining()) {
              value.put((byte) 0);
            }
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
