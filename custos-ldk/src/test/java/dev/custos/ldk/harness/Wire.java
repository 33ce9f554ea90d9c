package dev.custos.ldk.harness;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ldk.structs.Option_NetAddressZ;
import org.ldk.structs.Result_CVec_u8ZPeerHandleErrorZ;
import org.ldk.structs.Result_boolPeerHandleErrorZ;
import org.ldk.structs.SocketDescriptor;

/**
 * An in-memory connection between LDK nodes: bytes written to a socket descriptor are queued and
 * delivered to the other node's PeerManager by {@link #pump()} on the test thread, so the message
 * exchange is deterministic and never re-enters LDK from inside a send.
 */
public final class Wire {
  private static final AtomicLong IDS = new AtomicLong();
  private final Deque<Runnable> queue = new ArrayDeque<>();
  private final List<LdkNode> nodes;

  public Wire(List<LdkNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Opens a Noise connection from {@code from} to {@code to} and completes the handshake. */
  public void connect(LdkNode from, LdkNode to) {
    SocketDescriptor[] ends = new SocketDescriptor[2];
    ends[0] = descriptor(to, () -> ends[1]);
    ends[1] = descriptor(from, () -> ends[0]);
    Result_CVec_u8ZPeerHandleErrorZ act1 = from.peers.new_outbound_connection(to.nodeId(), ends[0], Option_NetAddressZ.none());
    if (!(act1 instanceof Result_CVec_u8ZPeerHandleErrorZ.Result_CVec_u8ZPeerHandleErrorZ_OK ok)) {
      throw new IllegalStateException(from.name + " could not start a connection to " + to.name);
    }
    if (!to.peers.new_inbound_connection(ends[1], Option_NetAddressZ.none()).is_ok()) {
      throw new IllegalStateException(to.name + " refused an inbound connection");
    }
    byte[] first = ok.res;
    queue.add(() -> deliver(to, ends[1], first));
    pump();
  }

  /** Delivers queued bytes and lets every node flush its outbound messages until all is quiet. */
  public void pump() {
    boolean busy = true;
    while (busy) {
      for (LdkNode n : nodes) {
        n.peers.process_events();
      }
      busy = !queue.isEmpty();
      while (!queue.isEmpty()) {
        queue.poll().run();
      }
    }
  }

  private SocketDescriptor descriptor(LdkNode receiver, java.util.function.Supplier<SocketDescriptor> receiverEnd) {
    long id = IDS.incrementAndGet();
    return SocketDescriptor.new_impl(new SocketDescriptor.SocketDescriptorInterface() {
      @Override
      public long send_data(byte[] data, boolean resumeRead) {
        byte[] copy = data.clone();
        queue.add(() -> deliver(receiver, receiverEnd.get(), copy));
        return data.length;
      }

      @Override
      public void disconnect_socket() {}

      @Override
      public boolean eq(SocketDescriptor other) {
        return other.hash() == id;
      }

      @Override
      public long hash() {
        return id;
      }
    });
  }

  private static void deliver(LdkNode receiver, SocketDescriptor end, byte[] data) {
    Result_boolPeerHandleErrorZ r = receiver.peers.read_event(end, data);
    if (!r.is_ok()) {
      throw new IllegalStateException(receiver.name + " rejected " + data.length + " bytes from its peer");
    }
  }
}
