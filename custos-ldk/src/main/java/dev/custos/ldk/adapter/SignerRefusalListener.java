package dev.custos.ldk.adapter;

import dev.custos.ldk.signer.ChannelSignerException;

/**
 * Told every time the adapter answers LDK with an error: LDK's signer interface carries no reason
 * ({@code Result<_, ()>}), so this is where the shell logs or audits why. The exception's message
 * names the operation, the channel and the numbers; it never contains secret material.
 */
@FunctionalInterface
public interface SignerRefusalListener {
  void refused(String operation, ChannelSignerException reason);
}
