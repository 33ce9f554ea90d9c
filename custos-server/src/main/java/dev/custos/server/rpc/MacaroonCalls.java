package dev.custos.server.rpc;

import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.FirstPartyCaveat;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.ThirdPartyCaveat;
import dev.custos.core.macaroon.Verification;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.BakeMacaroonResponse;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import dev.custos.proto.v1.DeleteMacaroonIdResponse;
import dev.custos.proto.v1.ListMacaroonIdsResponse;
import dev.custos.proto.v1.ListPermissionsResponse;
import dev.custos.proto.v1.MacaroonPermission;
import dev.custos.proto.v1.MacaroonPermissionList;
import dev.custos.proto.v1.MacaroonRootKey;
import dev.custos.server.auth.Caller;
import dev.custos.server.auth.PresentedMacaroon;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.macaroon.BakedMacaroon;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.service.macaroon.RootKeyRegistry;
import dev.custos.service.macaroon.RpcPermissions;
import dev.custos.store.StoreException;
import dev.custos.store.StoredRootKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * BakeMacaroon, ListMacaroonIds, DeleteMacaroonId and ListPermissions (LND's macaroon RPCs).
 *
 * <p>Baking never grants more than the caller's macaroon: the requested permissions must all be
 * among the operations of the macaroon the call presented (else PERMISSION_DENIED naming the
 * first missing one), its first-party caveats are copied onto the new macaroon before the
 * requested ones, and a caller whose macaroon carries third-party caveats cannot bake (the
 * discharge requirement could not be carried over).
 */
final class MacaroonCalls {
  /** Permissions that hand in approvals or proposals. */
  private static final Set<Permission> APPROVING = Set.of(Permission.parse("admin:write"), Permission.parse("approval:write"));

  private final Node node;

  MacaroonCalls(Node node) {
    this.node = node;
  }

  BakeMacaroonResponse bake(BakeMacaroonRequest request) throws StoreException {
    Set<Permission> ops = new LinkedHashSet<>();
    for (int i = 0; i < request.getPermissionsCount(); i++) {
      MacaroonPermission p = request.getPermissions(i);
      try {
        ops.add(new Permission(p.getEntity(), p.getAction()));
      } catch (IllegalArgumentException e) {
        throw new RpcFailure.InvalidArgument("permissions[" + i + "]", e.getMessage());
      }
    }
    Optional<RootKeyId> under = Optional.empty();
    if (!request.getRootKeyId().isEmpty()) {
      try {
        under = Optional.of(RootKeyId.parse(request.getRootKeyId()));
      } catch (IllegalArgumentException e) {
        throw new RpcFailure.InvalidArgument("root_key_id", e.getMessage());
      }
    }
    List<Condition> requested = new ArrayList<>();
    for (int i = 0; i < request.getCaveatsCount(); i++) {
      requested.add(condition("caveats[" + i + "]", request.getCaveats(i)));
    }
    try {
      MacaroonBakery.requireBakeable(ops, request.getLabel());
    } catch (IllegalArgumentException e) {
      throw new RpcFailure.InvalidArgument(ops.isEmpty() || !RpcPermissions.VOCABULARY.containsAll(ops) ? "permissions" : "label",
          e.getMessage());
    }
    Macaroon caller = presented();
    List<Condition> caveats = new ArrayList<>();
    for (var c : caller.caveats()) {
      switch (c) {
        case FirstPartyCaveat f -> caveats.add(Condition.parse(f.condition()));
        case ThirdPartyCaveat t -> throw new RpcFailure.PermissionDenied(
            "cannot bake from a macaroon with third-party caveats: their discharge requirement cannot be carried over");
      }
    }
    caveats.addAll(requested);
    MacaroonId id = identifier(caller);
    requireOwnRootKeyUnderQuorum(ops, under, id);
    Verification.Granted baker = new Verification.Granted(id, Set.copyOf(id.ops()), MacaroonConstraints.NONE);
    BakedMacaroon baked;
    try {
      baked = node.bakery().bakeWithin(baker, under, ops, caveats, request.getLabel(), Caller.current().credential());
    } catch (IllegalArgumentException e) {
      throw new RpcFailure.PermissionDenied(e.getMessage());
    }
    return BakeMacaroonResponse.newBuilder().setMacaroon(baked.macaroon().toHex()).setRootKeyId(baked.rootKeyId().toHex()).build();
  }

  /**
   * Once an admin set exists, a macaroon that can hand in approvals ({@code admin:write} or
   * {@code approval:write}) is baked only under the caller's own root key id: it is then the same
   * credential ({@code macaroon:<id>}) as its baker, so baking cannot mint a second identity that
   * sidesteps the self-approval rule (docs/approvals.md, "Root keys and macaroons").
   */
  private void requireOwnRootKeyUnderQuorum(Set<Permission> ops, Optional<RootKeyId> under, MacaroonId caller) throws StoreException {
    if (ops.stream().noneMatch(APPROVING::contains)) {
      return;
    }
    String own = HexFormat.of().formatHex(caller.storageId());
    if (under.map(RootKeyId::toHex).filter(own::equals).isPresent() || !node.quorum().adminQuorum()) {
      return;
    }
    throw new RpcFailure.PermissionDenied("an admin set exists: a macaroon with admin:write or approval:write is baked only under"
        + " the caller's own root key id (root_key_id " + own + "), so that it stays the caller's credential for the"
        + " self-approval rule; bake one for another person on the node (custos macaroon bake)");
  }

  ListMacaroonIdsResponse listIds() throws StoreException {
    var b = ListMacaroonIdsResponse.newBuilder();
    for (StoredRootKey k : new RootKeyRegistry(node.store(), node.clock()).list()) {
      b.addRootKeys(MacaroonRootKey.newBuilder().setId(HexFormat.of().formatHex(k.id())).setCreatedAt(k.createdAt().toString())
          .setLabel(k.label()));
    }
    return b.build();
  }

  DeleteMacaroonIdResponse deleteId(DeleteMacaroonIdRequest request) throws StoreException {
    RootKeyId id;
    try {
      id = RootKeyId.parse(request.getRootKeyId());
    } catch (IllegalArgumentException e) {
      throw new RpcFailure.InvalidArgument("root_key_id", e.getMessage());
    }
    boolean deleted = new RootKeyRegistry(node.store(), node.clock()).revoke(id, Caller.current().credential());
    node.unlockedKeys().ifPresent(keys -> keys.openedRootKeys().forget(id));
    return DeleteMacaroonIdResponse.newBuilder().setDeleted(deleted).build();
  }

  static ListPermissionsResponse listPermissions() {
    var b = ListPermissionsResponse.newBuilder();
    RpcPermissions.table().forEach((rpc, ps) -> b.putMethodPermissions(rpc, list(ps)));
    for (MacaroonPreset p : MacaroonPreset.values()) {
      b.putPresets(p.cliName(), list(p.permissions()));
    }
    return b.build();
  }

  private static MacaroonPermissionList list(Set<Permission> ps) {
    var b = MacaroonPermissionList.newBuilder();
    ps.forEach(p -> b.addPermissions(MacaroonPermission.newBuilder().setEntity(p.entity()).setAction(p.action())));
    return b.build();
  }

  /** A requested caveat: a condition Custos knows, well-formed (docs/macaroons.md, "Caveats"). */
  private static Condition condition(String field, String text) {
    return switch (Condition.parse(text)) {
      case Condition.Malformed m -> throw new RpcFailure.InvalidArgument(field, m.reason());
      case Condition.Unrecognized u -> throw new RpcFailure.InvalidArgument(field, "unknown caveat condition; known: time-before, "
          + "ipaddr, iprange, lnd-custom, custos-max-amount, custos-destinations, custos-account");
      case Condition c -> c;
    };
  }

  /** The macaroon the interceptor verified for this call. */
  private static Macaroon presented() {
    try {
      return Macaroon.decode(PresentedMacaroon.current().bytes());
    } catch (MacaroonFormatException e) {
      throw new IllegalStateException("the verified macaroon no longer decodes", e);
    }
  }

  private static MacaroonId identifier(Macaroon m) {
    try {
      return MacaroonId.decode(m.identifier());
    } catch (MacaroonFormatException e) {
      throw new IllegalStateException("the verified macaroon has no Custos identifier", e);
    }
  }
}
