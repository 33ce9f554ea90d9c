package dev.custos.server.rpc;

import dev.custos.core.keys.Account;
import dev.custos.proto.v1.GetInfoResponse;
import dev.custos.proto.v1.ListDescriptorsResponse;
import dev.custos.service.keystore.WalletFile;
import dev.custos.server.node.Node;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.StoreException;
import java.util.HexFormat;

/** GetInfo and ListDescriptors: public wallet data, no passphrase needed. */
final class InfoCalls {
  private final Node node;

  InfoCalls(Node node) {
    this.node = node;
  }

  GetInfoResponse getInfo() throws StoreException {
    WalletFile w = node.wallet();
    long policyVersion = node.store().read(tx -> tx.currentPolicy().map(AppliedPolicy::version).orElse(0L));
    return GetInfoResponse.newBuilder().setVersion(BuildVersion.VERSION).setNetwork(w.network().id())
        .setMasterFingerprint(HexFormat.of().toHexDigits(w.masterFingerprint())).setUnlocked(node.unlocked())
        .setPolicyVersion(policyVersion).setAuditKey(w.auditKey().value.toHex()).build();
  }

  /** Same content as {@code custos descriptors --json}. */
  ListDescriptorsResponse listDescriptors() {
    WalletFile w = node.wallet();
    var b = ListDescriptorsResponse.newBuilder().setNetwork(w.network().id())
        .setMasterFingerprint(HexFormat.of().toHexDigits(w.masterFingerprint()));
    for (Account a : w.accounts()) {
      b.addAccounts(dev.custos.proto.v1.Account.newBuilder().setType(a.type().name()).setPath(a.accountPath().toString())
          .setXpub(a.xpub().encode(w.network())).setReceiveDescriptor(a.descriptor(Account.RECEIVE))
          .setChangeDescriptor(a.descriptor(Account.CHANGE)).setFirstReceiveAddress(a.address(Account.RECEIVE, 0)));
    }
    return b.build();
  }
}
