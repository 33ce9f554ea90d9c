package dev.custos.service.cosigner;

import dev.custos.core.keys.DescriptorChecksum;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.HexFormat;

/**
 * Output descriptors (BIP380/386) for a FROST group, for watch-only wallets that build PSBTs.
 *
 * <p>{@code tr(K)} takes the <em>internal</em> key {@code K} and tweaks it itself with
 * {@code hash_TapTweak(K)} (no script tree, BIP86): that is exactly the cosigners' output key
 * {@code Q}. <b>Warning:</b> never put {@code Q} into {@code tr()}: the wallet would tweak it a
 * second time and watch an address nobody can spend from. {@code rawtr(Q)} names the output key
 * directly (Bitcoin Core 24+). The address is bitcoin-kmp's, from the scriptPubKey
 * {@code OP_1 <Q>}; {@link #of} checks that bitcoin-kmp's BIP86 tweak of {@code K} is {@code Q}.
 */
public record GroupDescriptor(String tr, String rawtr, String address) {

  public static GroupDescriptor of(GroupFile group) {
    HexFormat hex = HexFormat.of();
    XonlyPublicKey internal = new XonlyPublicKey(new ByteVector32(group.internalKey()));
    var script = Script.pay2tr(internal, Crypto.TaprootTweak.KeyPathTweak.INSTANCE);
    byte[] expected = new byte[34];
    expected[0] = 0x51;
    expected[1] = 0x20;
    System.arraycopy(group.outputKey(), 0, expected, 2, 32);
    byte[] spk = Script.write(script);
    if (!java.util.Arrays.equals(spk, expected)) {
      throw new IllegalStateException("bitcoin-kmp's BIP86 tweak of the internal key is not the group's output key");
    }
    var address = Bitcoin.addressFromPublicKeyScript(group.plan().network().chainHash(), spk);
    if (address.isLeft()) {
      throw new IllegalStateException("no address for the group's scriptPubKey");
    }
    return new GroupDescriptor(DescriptorChecksum.append("tr(" + hex.formatHex(group.internalKey()) + ")"),
        DescriptorChecksum.append("rawtr(" + hex.formatHex(group.outputKey()) + ")"), address.getRight());
  }
}
