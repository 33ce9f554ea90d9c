package dev.custos.service.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.keys.Network;
import org.junit.jupiter.api.Test;

/** One test per kind of refusal, each asserting the exact line, field and problem. */
class PolicyFileErrorsTest {
  private static final String BOUNDED = """
      version: 1
      limits:
        max-per-transaction: 0.1 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.5 BTC}
      """;
  private static final String XPUB_84 = "xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V";
  private static final String TPUB_84 = "tpubDC8msFGeGuwnKG9Upg7DM2b4DaRqg3CUZa5g8v2SRQ6K4NSkxUgd7HsL2XVWbVm39yBA4LAxysQAm397zwQSQoQgewGiYZqrA9DsP4zbQ1M";

  private static PolicyFileException error(String yaml) {
    return error(yaml, Network.MAINNET);
  }

  private static PolicyFileException error(String yaml, Network network) {
    return catchThrowableOfType(PolicyFileException.class, () -> PolicyFile.parse(yaml, "policy.yaml", network));
  }

  private static void assertRefused(String yaml, String message) {
    PolicyFileException e = error(yaml);
    assertThat(e).as("expected a PolicyFileException").isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void theBriefsExampleDuration() {
    String yaml = """
        version: 1
        # daily and hourly budgets
        limits:
          max-per-transaction: 0.1 BTC
          velocity:
            - window: 24h
              per: wallet
              max-amount: 0.5 BTC



            - window: 25x
              per: credential
              max-count: 3
        """;
    PolicyFileException e = error(yaml);
    assertThat(e.getMessage()).isEqualTo("policy.yaml:12: limits.velocity[1].window: '25x' is not a duration (use 90m, 24h, 7d)");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.field()).isEqualTo("limits.velocity[1].window");
    assertThat(e.sourceName()).isEqualTo("policy.yaml");
    assertThat(e.problem()).isEqualTo("'25x' is not a duration (use 90m, 24h, 7d)");
  }

  @Test
  void durationOutOfRange() {
    assertRefused(BOUNDED + "  - {window: 367d, per: wallet, max-count: 1}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].window: '367d' is outside 1m to 366d");
    assertRefused(BOUNDED + "  - {window: 0m, per: wallet, max-count: 1}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].window: '0m' is outside 1m to 366d");
  }

  @Test
  void unknownKeyAtTheTop() {
    assertRefused(BOUNDED + "limit: {}\n", "policy.yaml:6: limit: unknown key (expected approval, destinations, fees, "
        + "limits, outputs, time-windows, transaction, unlimited, version, warn-only)");
  }

  @Test
  void unknownKeyNested() {
    assertRefused(BOUNDED + "  - {window: 1h, per: wallet, max-amount: 1 BTC, max-cuont: 2}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].max-cuont: unknown key (expected max-amount, max-count, per, window)");
  }

  @Test
  void duplicateKey() {
    assertRefused(BOUNDED + "fees:\n  max-rate: 10\n  max-rate: 20\n",
        "policy.yaml:8: fees.max-rate: duplicate key (first at line 7)");
  }

  @Test
  void wrongTypes() {
    assertRefused(BOUNDED + "unlimited: yes\n", "policy.yaml:6: unlimited: expected true or false, found 'yes'");
    assertRefused(BOUNDED + "fees: [10]\n", "policy.yaml:6: fees: expected a mapping (key: value), found a list");
    assertRefused(BOUNDED + "fees:\n  max-rate: '10'\n", "policy.yaml:7: fees.max-rate: expected a number such as 25 or 2.5, found '10'");
    assertRefused(BOUNDED + "  - {window: 1h, per: wallet, max-count: 2.5}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].max-count: expected a whole number, found '2.5'");
    assertRefused("version: '1'\n", "policy.yaml:1: version: expected a whole number, found '1'");
    assertRefused("- version: 1\n", "policy.yaml:1: expected a mapping (key: value), found a list");
  }

  @Test
  void aKeyWithoutValueIsNotAnAbsentKey() {
    assertRefused(BOUNDED + "destinations:\n  allow:\n", "policy.yaml:7: destinations.allow: expected a list, found no value");
  }

  @Test
  void anchorsAliasesMergeKeysAndTags() {
    assertRefused(BOUNDED + "fees: &f\n  max-rate: 10\n", "policy.yaml:6: anchors (&name) are refused: write each value out in full");
    assertRefused("""
        version: 1
        unlimited: true
        a: &a [1, 2]
        """, "policy.yaml:3: anchors (&name) are refused: write each value out in full");
    assertRefused("version: 1\nunlimited: *x\n", "policy.yaml:2: aliases (*name) are refused: write each value out in full");
    assertRefused(BOUNDED + "fees:\n  <<: {max-rate: 10}\n", "policy.yaml:7: fees.<<: merge keys (<<) are refused: write each value out in full");
    assertRefused(BOUNDED + "unlimited: !!bool false\n", "policy.yaml:6: explicit tags (!tag, !!type) are refused: the schema decides every type");
  }

  @Test
  void billionLaughsIsRefusedAtTheFirstAnchor() {
    StringBuilder yaml = new StringBuilder("version: 1\nunlimited: true\nlol:\n  a: &a [lol, lol, lol]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      yaml.append("  ").append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
          .append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
    }
    assertRefused(yaml.toString(), "policy.yaml:4: anchors (&name) are refused: write each value out in full");
  }

  @Test
  void tooLarge() {
    String yaml = BOUNDED + "#" + "x".repeat(SafeYaml.MAX_BYTES) + "\n";
    assertRefused(yaml, "policy.yaml:1: the document is " + (BOUNDED.length() + SafeYaml.MAX_BYTES + 2)
        + " bytes, more than the 1 MiB limit (1048576 bytes)");
  }

  @Test
  void moreThanOneDocument() {
    assertRefused(BOUNDED + "---\nversion: 1\n", "policy.yaml:6: more than one document ('---'): a policy file holds exactly one");
  }

  @Test
  void tooDeep() {
    assertRefused("version: 1\nx: [[[[[[[[1]]]]]]]]\n",
        "policy.yaml:2: nested more than 8 levels deep; the schema never nests that far");
  }

  @Test
  void emptyAndInvalidYaml() {
    assertRefused("# nothing\n", "policy.yaml:1: the document is empty (it needs at least 'version: 1')");
    assertRefused("version: 1\nlimits: {max-per-transaction: 1 BTC\n",
        "policy.yaml:3: not valid YAML: expected ',' or '}', but got <stream end>");
    assertRefused("version: 1\n\u0000\n", "policy.yaml:2: not valid YAML: character U+0000 is not allowed");
  }

  @Test
  void versionMissingOrUnsupported() {
    assertRefused("unlimited: true\n", "policy.yaml:1: missing required key 'version'");
    assertRefused("unlimited: true\nversion: 2\n", "policy.yaml:2: version: unsupported policy version 2 (this Custos reads version 1)");
  }

  @Test
  void badAmounts() {
    String head = "version: 1\nunlimited: true\napproval:\n  above-amount: ";
    assertRefused(head + "50000\n", "policy.yaml:4: approval.above-amount: '50000' has no unit: write '50000 sat' or an amount "
        + "in BTC such as '0.5 BTC' (a bare number is ambiguous)");
    assertRefused(head + "1.5 mBTC\n", "policy.yaml:4: approval.above-amount: '1.5 mBTC' is not an amount (use '0.5 BTC' or '50000 sat')");
    assertRefused(head + "0.000000001 BTC\n",
        "policy.yaml:4: approval.above-amount: '0.000000001 BTC' has more than 8 decimal places (1 sat = 0.00000001 BTC)");
    assertRefused(head + "1.5 sat\n", "policy.yaml:4: approval.above-amount: '1.5 sat': sat amounts are whole numbers");
    assertRefused(head + "21000001 BTC\n", "policy.yaml:4: approval.above-amount: '21000001 BTC' is more than 21,000,000 BTC");
    assertRefused(head + "5__0 sat\n", "policy.yaml:4: approval.above-amount: '5__0 sat' is not an amount (use '0.5 BTC' or '50000 sat')");
  }

  @Test
  void negativeNumbers() {
    String head = "version: 1\nunlimited: true\n";
    assertRefused(head + "approval: {above-amount: -1 sat}\n", "policy.yaml:3: approval.above-amount: '-1 sat' is negative; amounts are 0 or more");
    assertRefused(head + "fees: {max-rate: -2}\n", "policy.yaml:3: fees.max-rate: '-2' is negative; it must be 0 or more");
    assertRefused(BOUNDED + "  - {window: 1h, per: wallet, max-count: -1}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].max-count: '-1' is negative; it must be 0 or more");
  }

  @Test
  void numbersTooLarge() {
    assertRefused("version: 1\nunlimited: true\nfees: {max-percent: 101}\n",
        "policy.yaml:3: fees.max-percent: '101' is too large (at most 100)");
  }

  @Test
  void velocityNeedsAMeasureAndAScope() {
    assertRefused(BOUNDED + "  - {window: 1h, per: wallet}\n".indent(2),
        "policy.yaml:6: limits.velocity[1]: velocity limit needs max-amount and/or max-count");
    assertRefused(BOUNDED + "  - {window: 1h, per: everyone, max-count: 1}\n".indent(2),
        "policy.yaml:6: limits.velocity[1].per: 'everyone' is not a velocity scope (use wallet, credential or destination)");
    assertRefused(BOUNDED + "  - {per: wallet, max-count: 1}\n".indent(2),
        "policy.yaml:6: limits.velocity[1]: missing required key 'window'");
  }

  @Test
  void unknownWarnOnlyTag() {
    assertRefused(BOUNDED + "warn-only:\n  - policy-fee-rate\n  - policy-fee-ratio\n",
        "policy.yaml:8: warn-only[1]: 'policy-fee-ratio' is not a policy tag (see the tag list in docs/policy.md)");
    assertRefused(BOUNDED + "warn-only: [policy-none-applied]\n",
        "policy.yaml:6: warn-only[0]: 'policy-none-applied' cannot be warn-only (it applies when there is no policy)");
    assertRefused(BOUNDED + "warn-only: [policy-macaroon-max-amount]\n",
        "policy.yaml:6: warn-only[0]: 'policy-macaroon-max-amount' cannot be warn-only (it enforces a macaroon caveat, "
            + "which a policy cannot relax)");
    assertRefused(BOUNDED + "warn-only: [policy-fee-rate, policy-fee-rate]\n",
        "policy.yaml:6: warn-only[1]: 'policy-fee-rate' is listed twice");
  }

  @Test
  void unknownScriptType() {
    assertRefused(BOUNDED + "outputs:\n  script-types: [p2wpkh, p2wsh-p2sh]\n",
        "policy.yaml:7: outputs.script-types[1]: 'p2wsh-p2sh' is not a script type (use p2pkh, p2sh-p2wpkh, p2sh-p2wsh, "
            + "p2sh, p2wpkh, p2wsh, p2tr, unknown)");
    assertRefused(BOUNDED + "transaction:\n  input-script-types: []\n",
        "policy.yaml:7: transaction.input-script-types: an empty list would refuse every transaction; list at least one "
            + "value or leave the key out");
  }

  @Test
  void unknownSighash() {
    assertRefused(BOUNDED + "transaction:\n  sighash: [ALL, all]\n",
        "policy.yaml:7: transaction.sighash[1]: 'all' is not a sighash type (use DEFAULT, ALL, NONE, SINGLE, "
            + "or ALL|ANYONECANPAY, NONE|ANYONECANPAY, SINGLE|ANYONECANPAY)");
  }

  @Test
  void timeWindows() {
    assertRefused(BOUNDED + "time-windows:\n  - {days: mon-fry}\n",
        "policy.yaml:7: time-windows[0].days: 'fry' is not a day (use mon, tue, wed, thu, fri, sat, sun)");
    assertRefused(BOUNDED + "time-windows:\n  - {days: [mon], hours: '9-17'}\n",
        "policy.yaml:7: time-windows[0].hours: '9-17' is not an hour range (use '08:00-18:00', UTC)");
    assertRefused(BOUNDED + "time-windows:\n  - {days: [mon], hours: '08:00-08:00'}\n",
        "policy.yaml:7: time-windows[0].hours: '08:00-08:00' is an empty range (write '00:00-24:00' for the whole day)");
  }

  @Test
  void addressOfAnotherNetwork() {
    assertRefused(BOUNDED + "destinations:\n  allow:\n    - tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl\n",
        "policy.yaml:8: destinations.allow[0]: address is for testnet/signet, but the policy is for mainnet");
    PolicyFileException e = error(BOUNDED + "destinations:\n  deny: [bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu]\n", Network.REGTEST);
    assertThat(e.getMessage()).isEqualTo("policy.yaml:7: destinations.deny[0]: address is for mainnet, but the policy is for regtest");
  }

  @Test
  void invalidAddressIsNotEchoed() {
    String wif = "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn";
    PolicyFileException e = error(BOUNDED + "destinations:\n  allow: [" + wif + "]\n");
    assertThat(e.getMessage()).isEqualTo("policy.yaml:7: destinations.allow[0]: not a valid mainnet address");
  }

  @Test
  void descriptors() {
    String body = "wpkh([73c5da0a/84'/0'/0']" + XPUB_84 + "/0/*)";
    assertRefused(BOUNDED + "destinations:\n  allow: [\"" + body + "#aaaaaaaa\"]\n",
        "policy.yaml:7: destinations.allow[0]: descriptor checksum does not match (the descriptor's checksum is #wc3n3van)");
    assertRefused(BOUNDED + "destinations:\n  allow: [\"wpkh(" + XPUB_84 + "/0/*')\"]\n",
        "policy.yaml:7: destinations.allow[0]: hardened wildcard needs the private key: end the key with an unhardened /*");
    assertRefused(BOUNDED + "destinations:\n  allow: [\"wpkh(" + XPUB_84 + "/<0;1>/*)\"]\n",
        "policy.yaml:7: destinations.allow[0]: multipath keys (<0;1>) are not accepted: list each branch as its own entry");
    assertRefused(BOUNDED + "destinations:\n  allow: [\"wsh(multi(1," + XPUB_84 + "/0/*))\"]\n",
        "policy.yaml:7: destinations.allow[0]: not a descriptor this policy accepts (supported descriptors: addr(ADDRESS), "
            + "raw(HEX), pkh(KEY), wpkh(KEY), sh(wpkh(KEY)), tr(KEY) with one key)");
    assertRefused(BOUNDED + "destinations:\n  allow: [\"wpkh(" + TPUB_84 + "/0/*)\"]\n",
        "policy.yaml:7: destinations.allow[0]: extended public key has test-network (tpub) version bytes 043587cf but the "
            + "network is mainnet (expects 0488b21e)");
    assertRefused(BOUNDED + "destinations:\n  allow: [\"raw(0014zz)\"]\n",
        "policy.yaml:7: destinations.allow[0]: raw() needs a script as 1 to 10000 bytes of hex");
  }

  @Test
  void anExtendedPrivateKeyIsRefusedAndNotEchoed() {
    String xprv = "xprv9s21ZrQH143K3GJpoapnV8SFfukcVBSfeCficPSGfubmSFDxo1kuHnLisriDvSnRRuL2Qrg5ggqHKNVpxR86QEC8w35uxmGoggxtQTPvfUu";
    PolicyFileException e = error(BOUNDED + "destinations:\n  deny: [\"wpkh(" + xprv + "/0/*)\"]\n");
    assertThat(e.getMessage()).isEqualTo("policy.yaml:7: destinations.deny[0]: this is an extended private key (xprv/tprv); "
        + "only extended public keys are accepted");
    assertThat(e.getMessage()).doesNotContain(xprv.substring(4, 20));
  }

  @Test
  void ranges() {
    String d = "wpkh(" + XPUB_84 + "/0/*)";
    assertRefused(BOUNDED + "destinations:\n  allow:\n    - {descriptor: \"" + d + "\", range: [10, 9]}\n",
        "policy.yaml:8: destinations.allow[0].range: range [10, 9] is empty: FROM must not exceed TO");
    assertRefused(BOUNDED + "destinations:\n  allow:\n    - {descriptor: \"" + d + "\", range: [0, 100000]}\n",
        "policy.yaml:8: destinations.allow[0].range: range [0, 100000] has more than 100000 indexes");
    assertRefused(BOUNDED + "destinations:\n  allow:\n    - {descriptor: \"addr(bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu)\", range: [0, 1]}\n",
        "policy.yaml:8: destinations.allow[0].descriptor: {descriptor, range} is for ranged descriptors (KEY/BRANCH/*); "
            + "write addr() and raw() as plain entries");
    assertRefused(BOUNDED + "destinations:\n  allow:\n    - {descriptor: \"" + d + "\", range: [0, 99999]}\n"
            + "    - {descriptor: \"" + d + "\", range: [0, 0]}\n",
        "policy.yaml:9: destinations.allow[1].descriptor: the document's descriptors expand to more than 100000 scripts; "
            + "narrow the ranges");
  }

  @Test
  void booksCannotMultiplyTheLists() {
    String d = "wpkh(" + XPUB_84 + "/0/*)";
    assertRefused(BOUNDED + "destinations:\n  address-books:\n    big: [{descriptor: \"" + d + "\", range: [0, 99999]}]\n"
            + "  allow: [book:big, book:big]\n  deny: [book:big]\n",
        "policy.yaml:10: destinations.deny[0]: the allow and deny lists hold more than 200000 scripts once books are expanded");
  }

  @Test
  void addressBooks() {
    assertRefused(BOUNDED + "destinations:\n  address-books: {a: [], b: [], c: [], d: [], e: [], f: []}\n  allow: [book:g]\n",
        "policy.yaml:8: destinations.allow[0]: no address book named 'g' (defined: a, b, c, d, e, …)");
    assertRefused(BOUNDED + "destinations:\n  allow: [book:friends]\n",
        "policy.yaml:7: destinations.allow[0]: no address book named 'friends' (destinations.address-books defines none)");
    assertRefused(BOUNDED + "destinations:\n  address-books:\n    a: []\n    b: [book:a]\n",
        "policy.yaml:9: destinations.address-books.b[0]: an address book cannot refer to another book");
    assertRefused(BOUNDED + "destinations:\n  address-books:\n    'my friends': []\n",
        "policy.yaml:8: destinations.address-books.'my friends': address book names are 1 to 64 letters, digits, '_', '.' "
            + "or '-', starting with a letter or digit");
  }

  /** The core's wording may evolve; the line, the field and the gist are this module's promise. */
  @Test
  void theCoreModelsOwnChecks() {
    assertThat(error("version: 1\n").getMessage()).startsWith("policy.yaml:1: policy does not bound spending");
    assertThat(error("version: 1\nfees: {max-rate: 2}\nlimits:\n  max-per-transaction: 1 BTC\n").getMessage())
        .startsWith("policy.yaml:3: limits: policy does not bound spending");
    assertThat(error(BOUNDED + "unlimited: true\n").getMessage())
        .startsWith("policy.yaml:6: unlimited: 'unlimited: true' contradicts the amount limits");
  }

  @Test
  void keysInMessagesArePrintableAndShort() {
    assertRefused(BOUNDED + "\"fe\\nes\": {}\n", "policy.yaml:6: 'fe?es': unknown key (expected approval, destinations, fees, "
        + "limits, outputs, time-windows, transaction, unlimited, version, warn-only)");
    assertRefused(BOUNDED + "f" + "e".repeat(100) + ": 1\n", "policy.yaml:6: '" + "f" + "e".repeat(39) + "…': unknown key "
        + "(expected approval, destinations, fees, limits, outputs, time-windows, transaction, unlimited, version, warn-only)");
  }

  @Test
  void nullArgumentsAreProgrammingErrors() {
    assertThatThrownBy(() -> PolicyFile.parse(null, "p", Network.MAINNET)).isInstanceOf(IllegalArgumentException.class);
  }
}
