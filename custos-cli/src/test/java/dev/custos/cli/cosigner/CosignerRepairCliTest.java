package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliRunner;
import com.google.protobuf.ByteString;
import dev.custos.proto.v1.CosignerRepairGrpc;
import dev.custos.proto.v1.RepairDeltasRequest;
import dev.custos.proto.v1.RepairFinishRequest;
import dev.custos.proto.v1.RepairSession;
import dev.custos.proto.v1.RepairSigmaRequest;
import dev.custos.server.tls.PinnedCertificates;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupMember;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cosigner repair} and {@code threshold repair} end to end, in process on loopback ports: a
 * 2-of-3 DKG, cosigner 3's sealed share deleted, a repair by helpers 1 and 2 whose relay (this
 * test) flips a byte of one helper's delta (helper 2 refuses, nothing is written), one whose relay
 * flips a byte of a sigma (cosigner 3 refuses, nothing is written), the real repair, and a
 * signature by cosigners 1 and 3 judged by bitcoin-kmp's script interpreter.
 */
class CosignerRepairCliTest {
  private static final String OPEN = "version: 1\nlimits:\n  max-per-transaction: 0.01 BTC\n  velocity:\n"
      + "    - {window: 24h, per: wallet, max-amount: 0.1 BTC}\n";

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private LoopbackCosigners cosigners;

  @Test
  void helpersRepairALostShareThatThenSigns() throws Exception {
    cosigners = new LoopbackCosigners(cli, tmp);
    Path plan = cosigners.initAndPlan();
    Path group = tmp.resolve("group.json");
    List<CompletableFuture<CliRunner.Result>> dkg = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() ->
        cli.run("cosigner", "dkg", "--data-dir", cosigners.dir(i).toString(), "--plan", plan.toString(), "--passphrase-env", "PW" + i,
            "--kdf-profile", "test", "--timeout", "60"))).toList();
    CliRunner.Result relay = cosigners.retryWhileUnavailable(List.of("threshold", "dkg", "--plan", plan.toString(), "--tls-dir", cosigners.dir(1).toString(),
        "--out", group.toString()));
    assertThat(relay.exitCode()).as(relay.stderr()).isZero();
    for (var r : dkg) {
      assertThat(r.get().exitCode()).as(r.get().stderr()).isZero();
    }
    Path open = Files.writeString(tmp.resolve("open.yaml"), OPEN);
    for (int i = 1; i <= 3; i++) {
      assertThat(cli.run("cosigner", "policy", "--data-dir", cosigners.dir(i).toString(), "--file", open.toString()).exitCode()).isZero();
    }
    String groupJson = Files.readString(group);
    byte[] outputKey = hex(field(groupJson, "outputKey"));
    byte[] internalKey = hex(field(groupJson, "internalKey"));
    GroupFile parsed = GroupFileCodec.parseGroup(Files.readAllBytes(group));

    Path share3 = cosigners.dir(3).resolve("frost-share.sealed");
    Files.delete(share3);

    // Bad requests, refused before anything runs.
    CliRunner.Result tooFew = cli.run("threshold", "repair", "--group", group.toString(), "--tls-dir", cosigners.dir(1).toString(), "--lost", "3",
        "--helpers", "1");
    assertThat(tooFew.exitCode()).isEqualTo(2);
    assertThat(tooFew.stderr()).contains("need at least t=2 helpers, got 1");
    CliRunner.Result notLost = cli.run("cosigner", "repair", "--data-dir", cosigners.dir(1).toString(), "--lost", "--passphrase-env", "PW1",
        "--kdf-profile", "test");
    assertThat(notLost.exitCode()).isEqualTo(2);
    assertThat(notLost.stderr()).contains("this cosigner has a share; refusing to replace it");

    // A relay that flips a byte of helper 1's delta to helper 2: helper 2 refuses, nothing is written.
    List<CompletableFuture<CliRunner.Result>> running = participants("5");
    try (Relay r = new Relay(parsed)) {
      RepairSession session = r.session();
      List<ByteString> toHelper2 = r.deltas(1, session);
      List<ByteString> toHelper1 = r.deltas(2, session);
      r.sigma(1, session, toHelper1);
      assertThatRpc(() -> r.sigma(2, session, List.of(flip(toHelper2.getFirst(), 120))))
          .contains("FAILED_PRECONDITION").contains("cosigner-repair-refused").contains("INVALID_ENCRYPTED_SHARE");
    }
    assertThat(running.get(0).get().exitCode()).isZero();
    assertThat(running.get(1).get().exitCode()).isEqualTo(3);
    assertThat(running.get(1).get().stderr()).contains("INVALID_ENCRYPTED_SHARE");
    assertThat(running.get(2).get().exitCode()).isEqualTo(3);
    assertThat(running.get(2).get().stderr()).contains("nothing was written");
    assertThat(share3).doesNotExist();

    // A relay that flips a byte of helper 2's sigma: cosigner 3 refuses, nothing is written.
    running = participants("30");
    try (Relay r = new Relay(parsed)) {
      RepairSession session = r.session();
      List<ByteString> toHelper2 = r.deltas(1, session);
      List<ByteString> toHelper1 = r.deltas(2, session);
      ByteString sigma1 = r.sigma(1, session, toHelper1);
      ByteString sigma2 = r.sigma(2, session, toHelper2);
      assertThatRpc(() -> r.finish(session, List.of(sigma1, flip(sigma2, 150))))
          .contains("FAILED_PRECONDITION").contains("cosigner-repair-refused").contains("INVALID_ENCRYPTED_SHARE")
          .contains("Identifier[2]");
    }
    assertThat(running.get(0).get().exitCode()).isZero();
    assertThat(running.get(1).get().exitCode()).isZero();
    assertThat(running.get(2).get().exitCode()).as(running.get(2).get().stderr()).isEqualTo(3);
    assertThat(share3).doesNotExist();

    // The real repair.
    running = participants("60");
    CliRunner.Result repair = cosigners.retryWhileUnavailable(List.of("threshold", "repair", "--group", group.toString(), "--tls-dir",
        cosigners.dir(1).toString(), "--lost", "3", "--helpers", "1,2"));
    assertThat(repair.exitCode()).as(repair.stderr()).isZero();
    assertThat(repair.stdout()).contains("member 3's share repaired by members [1, 2]");
    for (var r : running) {
      assertThat(r.get().exitCode()).as(r.get().stderr()).isZero();
    }
    assertThat(running.get(2).get().stdout()).contains("repair complete: member 3");
    assertThat(share3).exists();
    assertThat(Files.getPosixFilePermissions(share3)).hasSize(2);
    assertThat(Files.readString(cosigners.dir(3).resolve("group.json"))).isEqualTo(groupJson);

    Thread serve1 = cosigners.serve(cosigners.dir(1), 1);
    Thread serve3 = cosigners.serve(cosigners.dir(3), 3);
    cosigners.assertSigns(group, KeyPathSpend.write(tmp, outputKey, internalKey, 90_000), "repaired");
    cosigners.stop(serve1, 1);
    cosigners.stop(serve3, 3);
  }

  /** Helpers 1 and 2 and the lost member 3, each running {@code cosigner repair} with this timeout. */
  private List<CompletableFuture<CliRunner.Result>> participants(String timeout) throws Exception {
    List<CompletableFuture<CliRunner.Result>> running = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() -> {
      List<String> args = new ArrayList<>(List.of("cosigner", "repair", "--data-dir", cosigners.dir(i).toString(), "--passphrase-env", "PW" + i,
          "--kdf-profile", "test", "--timeout", timeout));
      if (i == 3) {
        args.add("--lost");
      }
      return cli.run(args.toArray(String[]::new));
    })).toList();
    for (int i = 1; i <= 3; i++) {
      LoopbackCosigners.awaitPort(cosigners.port(i));
    }
    return running;
  }

  private static ByteString flip(ByteString envelope, int at) {
    byte[] b = envelope.toByteArray();
    b[at] ^= 1;
    return ByteString.copyFrom(b);
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertThatRpc(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return assertThat(e.getStatus().getCode() + " " + e.getStatus().getDescription());
    }
    throw new AssertionError("the call was not refused");
  }

  /** A test relay of {@code custos.v1.CosignerRepair} that can alter what it relays. */
  private final class Relay implements AutoCloseable {
    private final GroupFile group;
    private final ManagedChannel[] channels = new ManagedChannel[3];

    Relay(GroupFile group) throws IOException {
      this.group = group;
      for (GroupMember m : group.plan().members()) {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
            .keyManager(cosigners.dir(1).resolve("tls.cert").toFile(), cosigners.dir(1).resolve("tls.key").toFile())
            .trustManager(new PinnedCertificates(Set.of(m.tlsSha256())));
        channels[m.index() - 1] = NettyChannelBuilder.forAddress(m.host(), m.port(), tls.build()).build();
      }
    }

    RepairSession session() {
      byte[] id = new byte[32];
      new SecureRandom().nextBytes(id);
      return RepairSession.newBuilder().setRepairId(ByteString.copyFrom(id)).setLost(id(3)).addHelpers(id(1)).addHelpers(id(2)).build();
    }

    List<ByteString> deltas(int helper, RepairSession session) {
      return stub(helper).repairDeltas(RepairDeltasRequest.newBuilder().setSession(session).build()).getEnvelopesList();
    }

    ByteString sigma(int helper, RepairSession session, List<ByteString> deltas) {
      return stub(helper).repairSigma(RepairSigmaRequest.newBuilder().setSession(session).addAllEnvelopes(deltas).build()).getEnvelope();
    }

    void finish(RepairSession session, List<ByteString> sigmas) {
      stub(3).repairFinish(RepairFinishRequest.newBuilder().setSession(session).addAllEnvelopes(sigmas).build());
    }

    private ByteString id(int member) {
      return ByteString.copyFrom(group.plan().members().get(member - 1).identifier().encode());
    }

    private CosignerRepairGrpc.CosignerRepairBlockingStub stub(int member) {
      return CosignerRepairGrpc.newBlockingStub(channels[member - 1]).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      for (ManagedChannel c : channels) {
        c.shutdownNow();
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : \"([0-9a-f]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
