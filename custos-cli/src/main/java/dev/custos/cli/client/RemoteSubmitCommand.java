package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.approval.ApproverKeyFile;
import dev.custos.cli.approval.ExternalSignature;
import dev.custos.cli.approval.ProposalOutput;
import dev.custos.cli.approval.SignedTextOption;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.ShowProposalRequest;
import dev.custos.proto.v1.SubmitApprovalRequest;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Hands an approval or rejection in to a running server: a signature made elsewhere over the text
 * {@code show} printed ({@code --signature SIG --format F --approver KEY}), or one made here with an
 * automated approver's key file ({@code --key FILE}, BIP340 over the text the server shows). The
 * server checks it against the text it renders; the macaroon used is the submitting credential,
 * so the macaroon that initiated a request cannot approve it.
 */
abstract class RemoteSubmitCommand extends RemoteCall {
  @ParentCommand
  RemoteQuorumGroup parent;

  @Parameters(index = "0", paramLabel = "ID", description = "Proposal id (64 hex digits, or a unique prefix of at least 8).")
  String id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  How how;

  @Mixin
  SignedTextOption signedText;

  /** Either a signature made elsewhere, or a key file to sign with here. */
  static final class How {
    @ArgGroup(exclusive = false)
    ExternalSignature external;

    @ArgGroup(exclusive = false)
    KeyFile keyFile;
  }

  /** An automated approver's key, signing here. */
  static final class KeyFile {
    @Option(names = "--key", required = true, paramLabel = "FILE",
        description = "Automated approver's 32-byte secret key file (0600): sign here (BIP340).")
    Path file;

    @Option(names = "--key-id", paramLabel = "ID", description = "The key's registered form: compressed (default) or xonly.")
    String form = "compressed";
  }

  /** {@code approve} or {@code reject}. */
  abstract String action();

  abstract ProposalInfo submit(RemoteConnection connection, SubmitApprovalRequest request);

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    SubmitApprovalRequest.Builder request = SubmitApprovalRequest.newBuilder().setId(id).setSignedText(signedText.read().orElse(""));
    if (how.keyFile != null) {
      if (!how.keyFile.form.equals("compressed") && !how.keyFile.form.equals("xonly")) {
        throw CliException.badInput("--key-id must be compressed or xonly");
      }
      ShowProposalRequest show = ShowProposalRequest.newBuilder().setId(id).build();
      ProposalInfo p = (parent.spend() ? connection.stub().showApproval(show) : connection.stub().showProposal(show)).getProposal();
      String text = action().equals("approve") ? p.getApproveText() : p.getRejectText();
      ApproverKeyFile.Signed signed = ApproverKeyFile.sign(how.keyFile.file, text, ctx.random());
      String key = how.keyFile.form.equals("xonly") ? signed.compressedKeyHex().substring(2) : signed.compressedKeyHex();
      request.setId(p.getId()).setApprover(key).setFormat("bip340").setSignature(signed.signatureHex());
    } else {
      request.setApprover(how.external.approver).setFormat(how.external.format).setSignature(how.external.signature);
    }
    ProposalInfo counted = submit(connection, request.build());
    ProposalOutput.counted(ctx.stdout(), action(), request.getApprover(), counted);
    return 0;
  }
}
