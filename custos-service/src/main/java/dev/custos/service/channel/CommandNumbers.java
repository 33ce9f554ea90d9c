package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelCommand;
import java.util.Optional;

/** The commitment number a channel command names, for its audit record. */
final class CommandNumbers {
  private CommandNumbers() {}

  static Optional<Long> of(ChannelCommand command) {
    return switch (command) {
      case ChannelCommand.SetupChannel c -> Optional.empty();
      case ChannelCommand.CheckFundingTransaction c -> Optional.empty();
      case ChannelCommand.GetPerCommitmentPoint c -> Optional.of(c.number());
      case ChannelCommand.ValidateHolderCommitment c -> Optional.of(c.spec().commitmentNumber());
      case ChannelCommand.RevokeHolderCommitment c -> Optional.of(c.number());
      case ChannelCommand.SignCounterpartyCommitment c -> Optional.of(c.spec().commitmentNumber());
      case ChannelCommand.ValidateCounterpartyRevocation c -> Optional.of(c.number());
      case ChannelCommand.SignHolderCommitment c -> Optional.of(c.number());
      case ChannelCommand.SignMutualClose c -> Optional.empty();
      case ChannelCommand.SignSweep c -> Optional.empty();
      case ChannelCommand.SignSweepInput c -> Optional.empty();
      case ChannelCommand.SignChannelAnnouncement c -> Optional.empty();
    };
  }
}
