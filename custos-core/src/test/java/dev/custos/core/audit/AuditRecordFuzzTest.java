package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;

/**
 * Whatever the bytes, {@link AuditRecord#decode} either returns a record whose canonical encoding
 * is exactly those bytes and whose hash is their SHA-256, or throws {@link AuditFormatException};
 * nothing else escapes. The seed corpus holds records of the golden log, so mutations reach every
 * field.
 */
class AuditRecordFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyAuditFormatException(byte[] data) {
    try {
      AuditRecord record = AuditRecord.decode(data);
      assertThat(record.canonicalBytes()).isEqualTo(data);
      assertThat(record.hash()).isEqualTo(new ByteVector32(Crypto.sha256(data)));
      assertThat(record.hashMatches()).isTrue();
    } catch (AuditFormatException e) {
      assertThat(e.getMessage()).contains("audit record");
    }
  }
}
