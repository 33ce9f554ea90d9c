package dev.custos.cli.approval;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.ApproverSet;
import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.SignatureFormat;
import dev.custos.core.message.SignatureRejectedException;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ProposalView;
import dev.custos.service.approval.Submission;
import dev.custos.store.ApproverRole;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Hands in an approval or rejection of a proposal: either a signature made elsewhere over the text
 * {@code show} printed ({@code --signature SIG --format bip322|bip137|bip340 --approver KEY}), or
 * one made here with an automated approver's key file ({@code --key FILE}, BIP340). Custos checks it
 * against the text it renders itself; the credential handing it in is this node's principal.
 */
abstract class SubmitCommand implements Callable<Integer> {
  @ParentCommand
  QuorumGroup parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

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

    @Option(names = "--key", paramLabel = "FILE", description = "Automated approver's 32-byte secret key file (0600): sign here (BIP340).")
    Path keyFile;
  }

  abstract ApprovalAction action();

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main().context();
    Optional<String> claimed = signedText.read();
    try (QuorumSession s = QuorumSession.open(ctx, dataDir)) {
      Submission submission;
      if (how.keyFile != null) {
        String text = s.quorum().show(id, parent.spend()).text(action());
        ApproverKeyFile.Signed signed = ApproverKeyFile.sign(how.keyFile, text, ctx.random());
        submission = new Submission(registeredId(s, signed.compressedKeyHex()), action(), SignatureFormat.BIP340, signed.signatureHex(), claimed);
      } else {
        SignatureFormat format;
        ApproverKey key;
        try {
          format = SignatureFormat.parse(how.external.format);
          key = ApproverKey.parse(how.external.approver, s.node().keystore().wallet().network());
        } catch (SignatureRejectedException e) {
          throw CliException.badInput(e.getMessage());
        }
        submission = new Submission(key.id(), action(), format, how.external.signature, claimed);
      }
      ProposalView v = s.quorum().submit(id, parent.spend(), submission, s.node().config().principal());
      ProposalOutput.counted(ctx.stdout(), action().id(), submission.approverId(), dev.custos.server.rpc.ProposalInfos.info(v));
      return 0;
    } catch (ApprovalException e) {
      throw QuorumSession.failure(e);
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure, nothing counted: " + e.getMessage(), e);
    }
  }

  /** The id under which the key file's key is registered: its compressed form, else its x-only form. */
  private String registeredId(QuorumSession s, String compressedHex) throws StoreException, CliException {
    ApproverRole role = parent.spend() ? ApproverRole.SPEND : ApproverRole.ADMIN;
    ApproverSet set = s.quorum().approvers(role).orElseThrow(() -> CliException.badInput("no " + role.id() + " approver set"));
    String xOnly = compressedHex.substring(2);
    return set.find(compressedHex).or(() -> set.find(xOnly)).map(ApproverKey::id).orElseThrow(() -> new CliException(ExitCode.REFUSED,
        "approval refused: approval-unknown-approver: the key in " + how.keyFile + " (" + compressedHex + ") is not in the " + role.id() + " set"));
  }
}
