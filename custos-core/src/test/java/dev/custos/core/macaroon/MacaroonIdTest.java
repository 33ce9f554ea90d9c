package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical operations as bakery's CanonicalOps and macaroonIdOps, and a strict decoder. */
class MacaroonIdTest {
  static MacaroonId id(String... ops) {
    return new MacaroonId(new byte[] {1}, new byte[] {'0'}, List.of(ops).stream().map(Permission::parse).toList());
  }

  static void assertRejected(String hex, String message) {
    assertThatThrownBy(() -> MacaroonId.decode(HexFormat.of().parseHex(hex)))
        .isInstanceOf(MacaroonFormatException.class)
        .hasMessage("macaroon: " + message);
  }

  @Test
  void opsAreSortedByUtf8BytesDeduplicatedAndGroupedByEntity() {
    MacaroonId id = id("b:x", "a:y", "B:z", "a:x", "b:x", "é:a", "z:a");
    assertThat(id.ops()).extracting(Permission::toString)
        .containsExactly("B:z", "a:x", "a:y", "b:x", "z:a", "é:a");
    // 03 | nonce 0a0101 | storageId 120130 | op{B:[z]} | op{a:[x,y]} | op{b:[x]} | op{z:[a]} | op{é:[a]}
    assertThat(HexFormat.of().formatHex(id.encode())).isEqualTo("030a0101120130"
        + "1a060a014212017a" + "1a090a0161120178120179" + "1a060a0162120178" + "1a060a017a120161"
        + "1a070a02c3a9120161");
  }

  @Test
  void emptyFieldsAreOmittedAsProto3Does() throws Exception {
    MacaroonId bare = new MacaroonId(new byte[0], new byte[0], List.of());
    assertThat(bare.encode()).containsExactly(3);
    assertThat(MacaroonId.decode(new byte[] {3})).isEqualTo(bare);
  }

  @Test
  void decoderRefusesWhatBakeryWouldNeverWrite() {
    assertRejected("", "identifier is empty");
    assertRejected("02", "identifier version 0x02, expected 0x03");
    assertRejected("030a00", "identifier nonce is present but empty (proto3 omits empty fields)");
    assertRejected("031201300a0101", "identifier has field 1 out of order or repeated");
    assertRejected("030a01010a0101", "identifier has field 1 out of order or repeated");
    assertRejected("032201", "identifier has unexpected field 4 of wire type 2");
    assertRejected("030801", "identifier has unexpected field 1 of wire type 0");
    assertRejected("030a05", "identifier field length 5 extends past the end");
    assertRejected("038a0001", "identifier tag: varint is not minimally encoded");
    assertRejected("031a03120161", "identifier op 0 has an action before its entity");
    assertRejected("031a030a0161", "identifier op 0 needs an entity and at least one action");
    assertRejected("031a050a01ff1201", "identifier op 0 entity is not valid UTF-8");
    assertRejected("031a060a0162120178" + "1a060a0161120178",
        "identifier ops are not in canonical order at a:x (sorted by entity, then action, without duplicates)");
    assertRejected("031a090a0161120179120178",
        "identifier ops are not in canonical order at a:x (sorted by entity, then action, without duplicates)");
    assertRejected("031a060a0161120178" + "1a060a0161120179",
        "identifier repeats entity 'a' in a second op (LND groups an entity's actions in one op)");
  }

  @Test
  void permissionsParseAndValidate() {
    assertThat(Permission.parse("uri:/lnrpc.Lightning/GetInfo"))
        .isEqualTo(new Permission("uri", "/lnrpc.Lightning/GetInfo"));
    assertThatThrownBy(() -> Permission.parse("onchain")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Permission.parse(":read")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Permission("a\ud800", "read")).isInstanceOf(IllegalArgumentException.class);
  }
}
