package dev.custos.server.rpc;

import dev.custos.service.audit.StoredAuditRecords;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.AuditVerification;
import dev.custos.core.audit.AuditVerifier;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.VerifyAuditResponse;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.server.status.StatusMapper;
import dev.custos.store.StoreUncheckedException;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** VerifyAudit and ExportAudit: as {@code custos audit verify|export}. */
final class AuditCalls {
  private final Node node;

  AuditCalls(Node node) {
    this.node = node;
  }

  /** A broken or unreadable chain is a reply ({@code intact = false}), not an error. */
  VerifyAuditResponse verify() {
    var b = VerifyAuditResponse.newBuilder().setAuditKey(node.wallet().auditKey().value.toHex());
    AuditVerification v;
    try {
      v = AuditVerifier.verify(new StoredAuditRecords(node.store(), 0), Optional.of(node.wallet().auditKey()));
    } catch (StoreUncheckedException e) {
      return b.setIntact(false).setReason("audit log unreadable: " + e.getCause().getMessage()).build();
    }
    b.setIntact(v.ok()).setRecordsChecked(v.recordsChecked()).setCheckpointsChecked(v.checkpointsChecked())
        .setUnsealedTail(v.unsealedTail());
    v.lastSeq().ifPresent(b::setLastSeq);
    v.firstBrokenSeq().ifPresent(b::setFirstBrokenSeq);
    v.reason().ifPresent(b::setReason);
    return b.build();
  }

  /**
   * Streams records as the client reads them: each batch is sent only while the transport is ready
   * (gRPC flow control), so a slow client never makes the server buffer the whole log.
   */
  void export(ExportAuditRequest request, ServerCallStreamObserver<dev.custos.proto.v1.AuditRecord> out) {
    Instant since;
    try {
      since = request.getSinceTime().isEmpty() ? Instant.MIN : Instant.parse(request.getSinceTime());
    } catch (DateTimeParseException e) {
      out.onError(StatusMapper.toStatus(new RpcFailure.InvalidArgument("since_time", "must be an RFC 3339 time like 2026-11-23T00:00:00Z")));
      return;
    }
    if (request.getFromSeq() < 0) {
      out.onError(StatusMapper.toStatus(new RpcFailure.InvalidArgument("from_seq", "must be below 2^63")));
      return;
    }
    new Pump(new StoredAuditRecords(node.store(), request.getFromSeq()), since, out).start();
  }

  /** Sends records while the call is ready; resumes from gRPC's on-ready callback. */
  private static final class Pump {
    private final StoredAuditRecords records;
    private final Instant since;
    private final ServerCallStreamObserver<dev.custos.proto.v1.AuditRecord> out;
    private boolean done;

    Pump(StoredAuditRecords records, Instant since, ServerCallStreamObserver<dev.custos.proto.v1.AuditRecord> out) {
      this.records = records;
      this.since = since;
      this.out = out;
    }

    void start() {
      out.setOnCancelHandler(() -> done = true);
      out.setOnReadyHandler(this::drain);
      drain();
    }

    /** Runs on the call's serialized executor: never concurrently with itself. */
    private void drain() {
      try {
        while (!done && out.isReady()) {
          if (!records.hasNext()) {
            done = true;
            out.onCompleted();
            return;
          }
          AuditRecord r = records.next();
          if (!r.time().isBefore(since)) {
            out.onNext(proto(r));
          }
        }
      } catch (RuntimeException e) {
        done = true;
        out.onError(StatusMapper.toStatus(e));
      }
    }

    private static dev.custos.proto.v1.AuditRecord proto(AuditRecord r) {
      return dev.custos.proto.v1.AuditRecord.newBuilder().setSeq(r.seq()).setTime(r.time().toString()).setType(r.type())
          .putAllFields(r.fields()).setPrevHash(r.prevHash().toHex()).setHash(r.hash().toHex()).build();
    }
  }
}
