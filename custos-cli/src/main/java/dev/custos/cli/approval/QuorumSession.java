package dev.custos.cli.approval;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.QuorumService;
import java.nio.file.Path;

/** A data directory opened for quorum work, and the one place CLI quorum failures become exit codes. */
final class QuorumSession implements AutoCloseable {
  private final NodeSession node;
  private final QuorumService quorum;

  private QuorumSession(NodeSession node, QuorumService quorum) {
    this.node = node;
    this.quorum = quorum;
  }

  static QuorumSession open(CliContext ctx, Path dataDir) throws CliException {
    NodeSession node = NodeSession.open(ctx, dataDir);
    return new QuorumSession(node, new QuorumService(node.store(), node.keystore().wallet().network(), node.config().approvalTimes(),
        ctx.clock(), ctx.random()));
  }

  NodeSession node() {
    return node;
  }

  QuorumService quorum() {
    return quorum;
  }

  /** Exit 3 for a refused approval (with its tag) or a closed proposal, 2 for a bad or unknown id. */
  static CliException failure(ApprovalException e) {
    return switch (e.kind()) {
      case REFUSED -> new CliException(ExitCode.REFUSED, "approval refused: " + e.getMessage());
      case CLOSED -> new CliException(ExitCode.REFUSED, e.getMessage());
      case NOT_FOUND, INVALID -> CliException.badInput(e.getMessage());
    };
  }

  @Override
  public void close() throws CliException {
    node.close();
  }
}
