package dev.custos.ldk.harness;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.ldk.enums.Level;
import org.ldk.enums.Network;
import org.ldk.structs.BestBlock;
import org.ldk.structs.BroadcasterInterface;
import org.ldk.structs.ChainMonitor;
import org.ldk.structs.ChainParameters;
import org.ldk.structs.ChannelManager;
import org.ldk.structs.Event;
import org.ldk.structs.EventHandler;
import org.ldk.structs.FeeEstimator;
import org.ldk.structs.IgnoringMessageHandler;
import org.ldk.structs.KeysInterface;
import org.ldk.structs.Logger;
import org.ldk.structs.NetGraphMsgHandler;
import org.ldk.structs.NetworkGraph;
import org.ldk.structs.Option_AccessZ;
import org.ldk.structs.Option_FilterZ;
import org.ldk.structs.PeerManager;
import org.ldk.structs.Persist;
import org.ldk.structs.Result_NoneChannelMonitorUpdateErrZ;
import org.ldk.structs.Result_SecretKeyNoneZ;
import org.ldk.structs.UserConfig;

/**
 * One LDK node wired as ldk-java's own HumanObjectPeerTest does: a ChainMonitor with an in-memory
 * persister, a ChannelManager, a PeerManager; a fixed feerate of 253 sat/kw; broadcasts go to
 * the {@link FakeChain}. Its keys come from whatever {@link KeysInterface} the test hands in (LDK's
 * KeysManager or the Custos adapter). LDK errors and warnings go to {@link #problems()}.
 */
public final class LdkNode {
  public static final int FEERATE_PER_KW = 253;

  public final String name;
  public final KeysInterface keys;
  public final ChainMonitor chainMonitor;
  public final ChannelManager channelManager;
  public final NetworkGraph graph;
  public final PeerManager peers;
  public final Logger logger;
  private final FakeChain chain;
  private final NetGraphMsgHandler gossip;
  private final List<Event> events = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<Object> keepAlive = new ArrayList<>();
  private final List<org.ldk.structs.ChannelMonitor> snapshots = new ArrayList<>();
  private volatile boolean recordingMonitors;
  private int syncedHeight;

  public LdkNode(String name, FakeChain chain, KeysInterface keys, Object keysOwner) {
    this(name, chain, keys, keysOwner, UserConfig.with_default());
  }

  /** A node whose channel manager runs with {@code config} (for example announced channels). */
  public LdkNode(String name, FakeChain chain, KeysInterface keys, Object keysOwner, UserConfig config) {
    this.name = name;
    this.chain = chain;
    this.keys = keys;
    keepAlive.add(keysOwner);
    logger = Logger.new_impl(record -> {
      if (Boolean.getBoolean("ldk.trace")) {
        System.err.println(name + " " + record.get_level() + " " + record.get_args());
      }
      if (record.get_level() == Level.LDKLevel_Error || record.get_level() == Level.LDKLevel_Warn) {
        synchronized (problems) {
          problems.add(name + " " + record.get_level() + " " + record.get_module_path() + ": " + record.get_args());
        }
      }
    });
    FeeEstimator fees = FeeEstimator.new_impl(target -> FEERATE_PER_KW);
    BroadcasterInterface broadcaster = BroadcasterInterface.new_impl(tx -> chain.broadcast(Transaction.read(tx)));
    Persist persist = Persist.new_impl(new Persist.PersistInterface() {
      @Override
      public Result_NoneChannelMonitorUpdateErrZ persist_new_channel(
          org.ldk.structs.OutPoint id, org.ldk.structs.ChannelMonitor data, org.ldk.structs.MonitorUpdateId update) {
        snapshot(data);
        return Result_NoneChannelMonitorUpdateErrZ.ok();
      }

      @Override
      public Result_NoneChannelMonitorUpdateErrZ update_persisted_channel(org.ldk.structs.OutPoint id,
          org.ldk.structs.ChannelMonitorUpdate update, org.ldk.structs.ChannelMonitor data,
          org.ldk.structs.MonitorUpdateId updateId) {
        snapshot(data);
        return Result_NoneChannelMonitorUpdateErrZ.ok();
      }
    });
    chainMonitor = ChainMonitor.of(Option_FilterZ.none(), broadcaster, logger, fees, persist);
    BestBlock genesis = BestBlock.of(Block.RegtestGenesisBlock.hash.value.toByteArray(), 0);
    channelManager = ChannelManager.of(fees, chainMonitor.as_Watch(), broadcaster, logger, keys,
        config, ChainParameters.of(Network.LDKNetwork_Regtest, genesis));
    graph = NetworkGraph.of(Block.RegtestGenesisBlock.hash.value.toByteArray());
    gossip = NetGraphMsgHandler.of(graph, Option_AccessZ.none(), logger);
    Result_SecretKeyNoneZ nodeSecret = keys.get_node_secret(org.ldk.enums.Recipient.LDKRecipient_Node);
    byte[] ephemeral = keys.get_secure_random_bytes();
    peers = PeerManager.of(channelManager.as_ChannelMessageHandler(), gossip.as_RoutingMessageHandler(),
        ((Result_SecretKeyNoneZ.Result_SecretKeyNoneZ_OK) nodeSecret).res, ephemeral, logger,
        IgnoringMessageHandler.of().as_CustomMessageHandler());
    keepAlive.add(fees);
    keepAlive.add(broadcaster);
    keepAlive.add(persist);
  }

  /** While on, every persisted channel monitor is copied (for {@link #recordedHolderCommitments()}). */
  public void recordMonitors(boolean on) {
    recordingMonitors = on;
  }

  /**
   * The holder commitment transaction, signed, of every monitor copy recorded, oldest first: what
   * this node could broadcast at each of those moments (LDK's emergency
   * {@code get_latest_holder_commitment_txn}, called on the copies so the live monitor is not
   * locked down).
   */
  public List<Transaction> recordedHolderCommitments() {
    List<org.ldk.structs.ChannelMonitor> copies;
    synchronized (snapshots) {
      copies = List.copyOf(snapshots);
    }
    List<Transaction> out = new ArrayList<>();
    for (org.ldk.structs.ChannelMonitor m : copies) {
      Transaction tx = Transaction.read(m.get_latest_holder_commitment_txn(logger)[0]);
      if (out.stream().noneMatch(t -> t.txid.equals(tx.txid))) {
        out.add(tx);
      }
    }
    return out;
  }

  private void snapshot(org.ldk.structs.ChannelMonitor data) {
    if (recordingMonitors) {
      synchronized (snapshots) {
        snapshots.add(data.clone());
      }
    }
  }

  public byte[] nodeId() {
    return channelManager.get_our_node_id();
  }

  /** Connects every block this node has not seen yet, to the channel manager and the monitors. */
  public void syncChain() {
    while (syncedHeight < chain.height()) {
      syncedHeight++;
      byte[] block = Block.write(chain.block(syncedHeight));
      channelManager.as_Listen().block_connected(block, syncedHeight);
      chainMonitor.as_Listen().block_connected(block, syncedHeight);
    }
  }

  /** Collects pending events of the channel manager and the chain monitor. */
  public List<Event> drainEvents() {
    List<Event> fresh = new ArrayList<>();
    EventHandler handler = EventHandler.new_impl(fresh::add);
    channelManager.as_EventsProvider().process_pending_events(handler);
    chainMonitor.as_EventsProvider().process_pending_events(handler);
    events.addAll(fresh);
    return fresh;
  }

  /** Every event seen so far. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }
}
