package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.server.ServerStartException;
import dev.custos.server.cosigner.DkgServer;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupPlan;
import io.grpc.BindableService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a {@code custos cosigner} command takes part in one relayed ceremony (DKG, refresh, repair):
 * it serves the participant's service on its address in the plan, to the members' pinned
 * certificates only, until the participant's outcome completes or the timeout passes. A refused,
 * failed or timed-out ceremony is {@link ExitCode#REFUSED} with a message that says what the
 * failure left as it was; a service that cannot start is bad input.
 *
 * @param name the ceremony in messages ({@code "DKG"}, {@code "refresh"})
 * @param relay what the member waits for ({@code "relay"}, {@code "refresh relay"})
 * @param unchanged what a failure leaves as it was ({@code "nothing was kept"})
 */
record CeremonyParticipation(String name, String relay, String unchanged) {
  /**
   * @param role appended to the waiting line ({@code " (helper)"}, or empty)
   * @return the participant's outcome
   */
  <T> T serve(BindableService service, CompletableFuture<T> outcome, CosignerDirectory dir, GroupPlan plan, GroupMember me, String role,
      int timeoutSeconds, CliContext ctx) throws CliException {
    try (DkgServer server = DkgServer.start(service, dir.tls(), plan.tlsPins(), me.host(), me.port())) {
      ctx.stderr().println("custos: member " + me.index() + " of " + plan.members().size() + " waiting for the " + relay + " on "
          + me.host() + ":" + me.port() + role);
      return outcome.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CliException(ExitCode.REFUSED, "the " + name + " failed, " + unchanged + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new CliException(ExitCode.REFUSED, "the " + name + " did not complete within " + timeoutSeconds + " s; " + unchanged);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.INTERNAL, "interrupted");
    } catch (ServerStartException e) {
      throw CliException.badInput(e.getMessage());
    }
  }
}
