package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.GroupMember;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A relay's pinned mutual-TLS channels ({@link PinnedChannel}) to the members taking part in one
 * ceremony, and the one way a relay calls a member: every call has the relay's deadline, and a
 * failed call becomes a {@link CoordinatorException} naming the member, its address, the step and
 * the gRPC status (never a secret). Closing shuts every channel down.
 *
 * @param <S> the blocking stub of the ceremony's service
 */
final class MemberChannels<S extends AbstractStub<S>> implements AutoCloseable {
  private final Map<GroupMember, ManagedChannel> channels = new LinkedHashMap<>();
  private final Function<Channel, S> stubs;
  private final Duration timeout;
  private final String ceremony;

  private MemberChannels(Function<Channel, S> stubs, Duration timeout, String ceremony) {
    this.stubs = stubs;
    this.timeout = timeout;
    this.ceremony = ceremony;
  }

  /**
   * Opens a channel to each member, in order; on failure closes those already open.
   *
   * @param ceremony prefix of the step in failure messages ({@code ""}, {@code "refresh "}, ...)
   */
  static <S extends AbstractStub<S>> MemberChannels<S> open(List<GroupMember> members, TlsIdentity client, Duration timeout,
      Function<Channel, S> stubs, String ceremony) throws CoordinatorException {
    MemberChannels<S> opened = new MemberChannels<>(stubs, timeout, ceremony);
    try {
      for (GroupMember m : members) {
        opened.channels.put(m, PinnedChannel.to(m.host(), m.port(), m.tlsSha256(), client));
      }
      return opened;
    } catch (IOException e) {
      opened.close();
      throw new CoordinatorException("cannot open the relay's TLS identity: " + e.getMessage());
    }
  }

  /** The members, in the order they were opened. */
  List<GroupMember> members() {
    return List.copyOf(channels.keySet());
  }

  /** Calls {@code member} through a fresh stub with the relay's deadline. */
  <T> T call(GroupMember member, String step, Function<S, T> rpc) throws CoordinatorException {
    S stub = stubs.apply(channels.get(member)).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return rpc.apply(stub);
    } catch (StatusRuntimeException e) {
      throw new CoordinatorException("member " + member.index() + " (" + member.host() + ":" + member.port() + ") failed " + ceremony
          + step + ": " + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    }
  }

  /** Checks the output key {@code member} confirmed against the one the relay verified. */
  static void requireConfirmed(GroupMember member, ByteString confirmed, byte[] expected) throws CoordinatorException {
    if (!Arrays.equals(confirmed.toByteArray(), expected)) {
      throw new CoordinatorException("member " + member.index() + " confirmed output key "
          + HexFormat.of().formatHex(confirmed.toByteArray()) + ", not " + HexFormat.of().formatHex(expected));
    }
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
