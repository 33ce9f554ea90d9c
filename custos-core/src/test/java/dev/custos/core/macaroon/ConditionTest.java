package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.KeyPath;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conditions are written as LND/Go write them and parse back to the same value. */
class ConditionTest {

  @Test
  void timeBeforeUsesGoRfc3339Nano() {
    assertThat(new Condition.TimeBefore(Instant.parse("2026-11-23T12:00:00Z")).text())
        .isEqualTo("time-before 2026-11-23T12:00:00Z");
    assertThat(new Condition.TimeBefore(Instant.parse("2026-11-23T12:00:00.120Z")).text())
        .isEqualTo("time-before 2026-11-23T12:00:00.12Z");
    assertThat(Condition.parse("time-before 2026-11-23T13:00:00+01:00"))
        .isEqualTo(new Condition.TimeBefore(Instant.parse("2026-11-23T12:00:00Z")));
    assertThat(Condition.parse("time-before 2026-11-23T12:00Z")).isInstanceOf(Condition.Malformed.class);
    assertThat(Condition.parse("time-before 2026-13-23T12:00:00Z")).isInstanceOf(Condition.Malformed.class);
  }

  @Test
  void addressesAreWrittenAsGoWritesThem() {
    assertThat(Condition.parse("ipaddr 2001:0db8:0:0:0:0:0:0001").text()).isEqualTo("ipaddr 2001:db8::1");
    assertThat(Condition.parse("ipaddr ::1").text()).isEqualTo("ipaddr ::1");
    assertThat(Condition.parse("ipaddr 1:0:0:2:0:0:0:3").text()).isEqualTo("ipaddr 1:0:0:2::3");
    assertThat(Condition.parse("ipaddr ::ffff:192.0.2.1").text()).isEqualTo("ipaddr 192.0.2.1");
    assertThat(Condition.parse("iprange 192.168.1.77/24").text()).isEqualTo("iprange 192.168.1.0/24");
    assertThat(Condition.parse("iprange 2001:db8::1/33").text()).isEqualTo("iprange 2001:db8::/33");
    for (String bad : List.of("ipaddr 01.2.3.4", "ipaddr 1.2.3", "ipaddr fe80::1%eth0", "ipaddr example.org",
        "iprange 10.0.0.0/33", "iprange 10.0.0.0", "iprange 10.0.0.0/08")) {
      assertThat(Condition.parse(bad)).as(bad).isInstanceOf(Condition.Malformed.class);
    }
  }

  @Test
  void custosCaveatsRoundTrip() {
    for (Condition c : List.of(
        new Condition.MaxAmount(100_000),
        new Condition.Destinations(List.of("bc1qexample", "book:cold-storage")),
        new Condition.Account(KeyPath.parse("m/84'/1'/0'")),
        new Condition.LndCustom("approver", "2-of-3"),
        new Condition.LndCustom("flag", ""))) {
      assertThat(Condition.parse(c.text())).as(c.text()).isEqualTo(c);
    }
    for (String bad : List.of("custos-max-amount -1", "custos-max-amount 01", "custos-max-amount 2100000000000000001",
        "custos-destinations ", "custos-destinations a  b", "custos-destinations book:",
        "custos-account m/84'/0'", "custos-account m/84h/0h/0h", "lnd-custom ", "lnd-custom x  y")) {
      assertThat(Condition.parse(bad)).as(bad).isInstanceOf(Condition.Malformed.class);
    }
    assertThat(Condition.parse("declared username bob")).isEqualTo(new Condition.Unrecognized("declared username bob"));
  }
}
