package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.store.StoredChannel;

/** Decodes a stored channel for display; a corrupt row is an internal error naming the channel. */
final class ChannelRowsReader {
  private ChannelRowsReader() {}

  static ChannelState decode(StoredChannel row) throws CliException {
    try {
      return ChannelStateCodec.decode(row.state());
    } catch (ChannelStateFormatException e) {
      throw new CliException(ExitCode.INTERNAL, "channel " + row.channelIdHex() + " has a corrupt stored state: " + e.getMessage());
    }
  }
}
