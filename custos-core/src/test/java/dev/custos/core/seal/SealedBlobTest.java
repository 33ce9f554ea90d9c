package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SealedBlobTest {

  private static byte[] golden() throws Exception {
    return SealGoldenTest.golden();
  }

  private static byte[] withU32(byte[] blob, int offset, long value) {
    byte[] out = blob.clone();
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
    return out;
  }

  private static byte[] withByte(byte[] blob, int offset, int value) {
    byte[] out = blob.clone();
    out[offset] = (byte) value;
    return out;
  }

  @Test
  void decodeThenEncodeIsTheIdentity() throws Exception {
    assertThat(SealedBlob.decode(golden()).encode()).isEqualTo(golden());
    assertThat(SealedBlob.decode(golden())).isEqualTo(SealedBlob.decode(golden())).hasSameHashCodeAs(SealedBlob.decode(golden()));
  }

  @Test
  void toStringShowsNoBytes() throws Exception {
    assertThat(SealedBlob.decode(golden())).hasToString("SealedBlob[kind=passphrase, payload=64 bytes]");
  }

  @Test
  void everyTruncationIsRefused() throws Exception {
    byte[] golden = golden();
    for (int length = 0; length < golden.length; length++) {
      byte[] prefix = Arrays.copyOf(golden, length);
      assertThatThrownBy(() -> SealedBlob.decode(prefix))
          .as("prefix of %d bytes", length)
          .isExactlyInstanceOf(SealFormatException.class)
          .hasMessageStartingWith("sealed file: ");
    }
  }

  @Test
  void truncationNamesFieldAndOffset() throws Exception {
    assertThatThrownBy(() -> SealedBlob.decode(Arrays.copyOf(golden(), 30)))
        .hasMessage("sealed file: truncated: argon2 salt needs 16 bytes at offset 25, only 5 left");
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    byte[] longer = Arrays.copyOf(golden(), golden().length + 1);
    assertThatThrownBy(() -> SealedBlob.decode(longer))
        .isExactlyInstanceOf(SealFormatException.class)
        .hasMessage("sealed file: 1 trailing bytes after the payload at offset 197");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> SealedBlob.decode(null)).hasMessage("sealed file: no bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "magic          | 0   | 0x43       | sealed file: bad magic: not a Custos sealed file",
        "version        | 10  | 0x02       | sealed file: unsupported format version 2 (this build reads version 1)",
        "kind           | 11  | 0x07       | sealed file: unknown sealer kind 0x07",
        "argon2 version | 12  | 0x10       | sealed file: unsupported argon2 version 0x10 (expected 0x13)",
      })
  void headerBytesAreChecked(String field, int offset, String value, String message) throws Exception {
    int v = Integer.decode(value);
    byte[] bad = offset == 0 ? withByte(golden(), 0, 'X') : withByte(golden(), offset, v);
    assertThatThrownBy(() -> SealedBlob.decode(bad)).isExactlyInstanceOf(SealFormatException.class).hasMessage(message);
  }

  @ParameterizedTest(name = "{0}={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "memory      | 13  | 4194305    | sealed file: refused argon2 parameters: memoryKiB=4194305 not in [8*parallelism=8, 4194304]",
        "memory      | 13  | 7          | sealed file: refused argon2 parameters: memoryKiB=7 not in [8*parallelism=8, 4194304]",
        "memory      | 13  | 4294967295 | sealed file: refused argon2 parameters: memoryKiB=4294967295 not in [8*parallelism=8, 4194304]",
        "iterations  | 17  | 0          | sealed file: refused argon2 parameters: iterations=0 not in [1, 100]",
        "iterations  | 17  | 101        | sealed file: refused argon2 parameters: iterations=101 not in [1, 100]",
        "parallelism | 21  | 0          | sealed file: refused argon2 parameters: parallelism=0 not in [1, 64]",
        "parallelism | 21  | 65         | sealed file: refused argon2 parameters: parallelism=65 not in [1, 64]",
        "payload len | 113 | 15         | sealed file: payload length 15 out of bounds [16, 1048592]",
        "payload len | 113 | 1048593    | sealed file: payload length 1048593 out of bounds [16, 1048592]",
        "payload len | 113 | 81         | sealed file: truncated: payload ciphertext needs 81 bytes at offset 117, only 80 left",
        "payload len | 113 | 79         | sealed file: 1 trailing bytes after the payload at offset 196",
      })
  void boundedFieldsAreChecked(String field, int offset, long value, String message) throws Exception {
    byte[] bad = withU32(golden(), offset, value);
    assertThatThrownBy(() -> SealedBlob.decode(bad)).isExactlyInstanceOf(SealFormatException.class).hasMessage(message);
  }
}
