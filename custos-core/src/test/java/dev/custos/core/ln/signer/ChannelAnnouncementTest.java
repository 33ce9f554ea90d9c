package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelPair.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Network;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt7.AnnouncementBytes;
import dev.custos.core.ln.signer.ChannelCommand.SignChannelAnnouncement;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SignChannelAnnouncement} on Alice's side of an open {@link ChannelPair}: a correct BOLT 7
 * announcement is signed by her node key and her funding key (verified by libsecp256k1, over a
 * double-SHA256 computed here), and each one-field mutation is refused with its tag, leaving the
 * state unchanged.
 */
class ChannelAnnouncementTest {
  /** The rules whose baseline and mutation live here (counted by {@link ChannelRuleMutationTest}). */
  static final Set<LnPolicy> RULES = EnumSet.of(LnPolicy.ANNOUNCEMENT_FORMAT, LnPolicy.ANNOUNCEMENT_CHAIN_HASH,
      LnPolicy.ANNOUNCEMENT_CHANNEL_OPEN, LnPolicy.ANNOUNCEMENT_NODE_ID, LnPolicy.ANNOUNCEMENT_FUNDING_PUBKEY,
      LnPolicy.ANNOUNCEMENT_SHORT_CHANNEL_ID);
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  private static final byte[] ALICE_NODE_SECRET = ChannelPair.filled(0x5a);
  private static final PublicKey ALICE_NODE = new PrivateKey(ALICE_NODE_SECRET).publicKey();
  private static final PublicKey BOB_NODE = new PrivateKey(ChannelPair.filled(0x6b)).publicKey();
  private static final PublicKey STRANGER = new PrivateKey(ChannelPair.filled(0x7c)).publicKey();
  /** Block 120, transaction 1, output 0 (the pair's funding outpoint index). */
  private static final long SCID = (120L << 40) | (1L << 16);

  record Mutation(LnPolicy rule, String what, Function<AnnouncementBytes, byte[]> message) {
    @Override
    public String toString() {
      return rule.tag() + ": " + what;
    }
  }

  static NodeIdentity alice() {
    return NodeIdentity.of(Network.REGTEST, SecretBytes.copyOf(ALICE_NODE_SECRET));
  }

  static boolean aliceFirst() {
    return Arrays.compareUnsigned(ALICE_NODE.value.toByteArray(), BOB_NODE.value.toByteArray()) < 0;
  }

  /** The announcement both nodes would build: node ids ascending, each funding key at its node's position. */
  static AnnouncementBytes announcement(ChannelPair pair) {
    PublicKey aliceFunding = pair.keysA.publicKeys().fundingPubkey();
    PublicKey bobFunding = pair.keysB.publicKeys().fundingPubkey();
    return aliceFirst()
        ? new AnnouncementBytes(new byte[0], Block.RegtestGenesisBlock.hash.value.toByteArray(), SCID, ALICE_NODE, BOB_NODE,
            aliceFunding, bobFunding, new byte[0])
        : new AnnouncementBytes(new byte[0], Block.RegtestGenesisBlock.hash.value.toByteArray(), SCID, BOB_NODE, ALICE_NODE,
            bobFunding, aliceFunding, new byte[0]);
  }

  static ChannelOutcome sign(ChannelPair pair, byte[] message, Optional<NodeIdentity> node) {
    return ChannelSigner.apply(pair.a, new SignChannelAnnouncement(ID, message), pair.keysA, node, pair.limitsA, pair.paymentsA);
  }

  @Test
  void signaturesVerifyWithLibsecp256k1OverTheDoubleSha256() {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).open();
    AnnouncementBytes base = announcement(pair);
    byte[] message = new AnnouncementBytes(new byte[] {0x01}, base.chainHash(), SCID, base.nodeId1(), base.nodeId2(),
        base.bitcoinKey1(), base.bitcoinKey2(), new byte[] {0x42, 0x43}).encode();
    try (NodeIdentity node = alice()) {
      ChannelOutcome outcome = sign(pair, message, Optional.of(node));

      var applied = (ChannelOutcome.Applied) outcome;
      assertThat(applied.state()).isEqualTo(pair.a.get());
      var sigs = (ChannelReply.AnnouncementSignatures) applied.reply();
      byte[] digest = Crypto.sha256(Crypto.sha256(message));
      byte[] aliceFunding = pair.keysA.publicKeys().fundingPubkey().value.toByteArray();
      assertThat(SECP.verify(SECP.der2compact(sigs.nodeSignature().toByteArray()), digest, ALICE_NODE.value.toByteArray())).isTrue();
      assertThat(SECP.verify(SECP.der2compact(sigs.bitcoinSignature().toByteArray()), digest, aliceFunding)).isTrue();
      assertThat(SECP.verify(SECP.der2compact(sigs.nodeSignature().toByteArray()), digest, aliceFunding)).isFalse();
      assertThat(sigs.position()).isEqualTo(aliceFirst() ? 1 : 2);
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation(LnPolicy.ANNOUNCEMENT_FORMAT, "the last byte of bitcoin_key_2 cut off", a -> {
          byte[] full = a.encode();
          return Arrays.copyOf(full, full.length - 1);
        }),
        new Mutation(LnPolicy.ANNOUNCEMENT_CHAIN_HASH, "mainnet genesis hash",
            a -> a.withChainHash(Block.LivenetGenesisBlock.hash.value.toByteArray()).encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_NODE_ID, "node ids (and their keys) in descending order",
            a -> a.withNodeIds(a.nodeId2(), a.nodeId1()).withBitcoinKeys(a.bitcoinKey2(), a.bitcoinKey1()).encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_NODE_ID, "a stranger's node id instead of ours",
            a -> a.withNodeIds(sorted(STRANGER, BOB_NODE)[0], sorted(STRANGER, BOB_NODE)[1]).encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_FUNDING_PUBKEY, "bitcoin keys swapped",
            a -> a.withBitcoinKeys(a.bitcoinKey2(), a.bitcoinKey1()).encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_FUNDING_PUBKEY, "a stranger's key as the counterparty's funding key",
            a -> (aliceFirst() ? a.withBitcoinKeys(a.bitcoinKey1(), STRANGER) : a.withBitcoinKeys(STRANGER, a.bitcoinKey2()))
                .encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_FUNDING_PUBKEY, "a stranger's key as our funding key",
            a -> (aliceFirst() ? a.withBitcoinKeys(STRANGER, a.bitcoinKey2()) : a.withBitcoinKeys(a.bitcoinKey1(), STRANGER))
                .encode()),
        new Mutation(LnPolicy.ANNOUNCEMENT_SHORT_CHANNEL_ID, "output index 1", a -> a.withShortChannelId(SCID | 1).encode()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void baselineIsSignedAndTheMutationIsRefusedWithItsTag(Mutation m) {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).open();
    try (NodeIdentity node = alice()) {
      assertThat(sign(pair, announcement(pair).encode(), Optional.of(node))).isInstanceOf(ChannelOutcome.Applied.class);
      assertRefused(sign(pair, m.message().apply(announcement(pair)), Optional.of(node)), m.rule(), pair);
    }
  }

  @Test
  void beforeCommitmentZeroIsCounterSignedItIsRefused() {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).setupOnly();
    try (NodeIdentity node = alice()) {
      assertRefused(sign(pair, announcement(pair).encode(), Optional.of(node)), LnPolicy.ANNOUNCEMENT_CHANNEL_OPEN, pair);
    }
  }

  @Test
  void anUnknownChannelOrASignerWithoutNodeIdentityIsRefused() {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).open();
    byte[] message = announcement(pair).encode();
    assertRefused(sign(pair, message, Optional.empty()), LnPolicy.GENERIC_ERROR, pair);
    try (NodeIdentity node = alice()) {
      ChannelOutcome unknown = ChannelSigner.apply(Optional.empty(), new SignChannelAnnouncement(ID, message), pair.keysA,
          Optional.of(node), pair.limitsA, pair.paymentsA);
      assertThat(unknown).isInstanceOfSatisfying(ChannelOutcome.Refused.class, r -> {
        assertThat(r.rule()).isEqualTo(LnPolicy.GENERIC_ERROR);
        assertThat(r.reason()).contains("is not set up");
        assertThat(r.state()).isEmpty();
      });
    }
  }

  @Test
  void theOldEntryPointHasNoNodeIdentity() {
    ChannelPair pair = new ChannelPair(ChannelType.STATIC_REMOTE_KEY).open();
    assertRefused(pair.tryA(new SignChannelAnnouncement(ID, announcement(pair).encode())), LnPolicy.GENERIC_ERROR, pair);
  }

  private static void assertRefused(ChannelOutcome outcome, LnPolicy rule, ChannelPair pair) {
    assertThat(outcome).as(() -> "outcome " + outcome).isInstanceOfSatisfying(ChannelOutcome.Refused.class, r -> {
      assertThat(r.rule()).as(r.reason()).isEqualTo(rule);
      assertThat(r.state()).isEqualTo(pair.a);
      assertThat(r.reason()).contains("channel " + ID);
    });
  }

  private static PublicKey[] sorted(PublicKey x, PublicKey y) {
    return Arrays.compareUnsigned(x.value.toByteArray(), y.value.toByteArray()) < 0 ? new PublicKey[] {x, y}
        : new PublicKey[] {y, x};
  }
}
