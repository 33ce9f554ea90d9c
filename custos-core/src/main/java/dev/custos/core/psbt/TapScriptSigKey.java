package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.XonlyPublicKey;

/** Key of a BIP371 PSBT_IN_TAP_SCRIPT_SIG entry: the signing x-only key and the leaf hash. */
public record TapScriptSigKey(XonlyPublicKey key, ByteVector32 leafHash) {}
