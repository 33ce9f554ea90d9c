package dev.custos.ldk.harness;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.store.Store;
import dev.custos.store.StoredChannel;
import java.util.ArrayList;
import java.util.List;

/** Reads back what the stateful signer stored: channel states and audit records. */
public final class StoredChannels {
  private StoredChannels() {}

  public static List<ChannelState> states(Store store) throws Exception {
    List<ChannelState> states = new ArrayList<>();
    for (StoredChannel row : store.read(tx -> tx.channels())) {
      states.add(ChannelStateCodec.decode(row.state()));
    }
    return states;
  }

  public static List<AuditRecord> audit(Store store) throws Exception {
    return store.read(tx -> tx.auditRecords(0, 100_000));
  }

  public static List<String> auditTypes(Store store) throws Exception {
    return audit(store).stream().map(AuditRecord::type).distinct().toList();
  }
}
