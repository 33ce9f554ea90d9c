package dev.custos.service.macaroon;

import dev.custos.core.macaroon.Permission;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The standard permission sets, as LND's {@code admin}, {@code readonly} and {@code signer}
 * macaroons: {@link #ADMIN} holds every permission of {@link RpcPermissions#VOCABULARY},
 * {@link #READONLY} every {@code read} one, {@link #SIGNER} what signing PSBTs through the policy
 * needs ({@code info:read onchain:read signer:generate signer:read}).
 */
public enum MacaroonPreset {
  ADMIN(RpcPermissions.VOCABULARY),
  READONLY(RpcPermissions.VOCABULARY.stream().filter(p -> p.action().equals("read"))
      .collect(Collectors.toCollection(TreeSet::new))),
  SIGNER(RpcPermissions.sorted("info:read", "onchain:read", "signer:generate", "signer:read"));

  private final Set<Permission> permissions;

  MacaroonPreset(Set<Permission> permissions) {
    this.permissions = Collections.unmodifiableSet(new TreeSet<>(permissions));
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  /** The lower-case name used on the command line and in file names ({@code admin.macaroon}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the preset and the known ones */
  public static MacaroonPreset parse(String name) {
    return Arrays.stream(values()).filter(p -> p.cliName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown macaroon preset '" + name + "' (known: "
            + Arrays.stream(values()).map(MacaroonPreset::cliName).collect(Collectors.joining(", ")) + ")"));
  }
}
