package dev.custos.service.policyfile;

import dev.custos.core.keys.ExtendedPublicKey;
import dev.custos.core.policy.Destination;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import java.util.List;

/**
 * A single-key ranged descriptor, {@code pkh(KEY)}, {@code sh(wpkh(KEY))}, {@code wpkh(KEY)} or
 * {@code tr(KEY)} with {@code KEY = [origin]xpub/BRANCH/*} (BIP380 key expressions, BIP381-382,
 * BIP386). The script at index {@code i} pays the key {@code xpub/BRANCH/i} (BIP32 public
 * derivation in the core, libsecp256k1); scripts are built by bitcoin-kmp, the {@code tr} output
 * key tweaked as BIP86 specifies (BIP341 key-path tweak, no script tree).
 *
 * @param branchKey the extended key at {@code xpub/BRANCH}
 * @param keyLabel the key for labels, shortened: {@code [73c5da0a/84'/0'/0']xpub6CatWdiZ…/0}
 */
record RangedKeyDescriptor(Kind kind, ExtendedPublicKey branchKey, String keyLabel) implements DestinationDescriptor {
  /** The script template around the key. */
  enum Kind {
    PKH("pkh(", ")"),
    SH_WPKH("sh(wpkh(", "))"),
    WPKH("wpkh(", ")"),
    TR("tr(", ")");

    final String open;
    final String close;

    Kind(String open, String close) {
      this.open = open;
      this.close = close;
    }
  }

  ByteVector scriptAt(long index) {
    PublicKey key = branchKey.deriveChild(index).key();
    List<ScriptElt> script = switch (kind) {
      case PKH -> Script.pay2pkh(key);
      case SH_WPKH -> Script.pay2sh(Script.pay2wpkh(key));
      case WPKH -> Script.pay2wpkh(key);
      case TR -> Script.pay2tr(key.xOnly(), Crypto.TaprootTweak.KeyPathTweak.INSTANCE);
    };
    return new ByteVector(Script.write(script));
  }

  /** The destination at {@code index}, labelled {@code descriptor wpkh([..]xpub6Cat…/0/17)}. */
  Destination destinationAt(long index) {
    return new Destination(scriptAt(index), "descriptor " + kind.open + keyLabel + "/" + index + kind.close);
  }
}
