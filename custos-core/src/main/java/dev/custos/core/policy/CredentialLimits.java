package dev.custos.core.policy;

import dev.custos.core.analysis.OutputAnalysis;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapKeyOrigin;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Script;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Custos caveats of the credential that asked ({@link MacaroonConstraints}, docs/macaroons.md)
 * applied to one spend, on top of the policy. Pure: the same constraints, request and policy give
 * the same findings.
 *
 * <p>Rules, each a DENY finding with a stable tag (never demoted by {@code warn-only}: a caveat is
 * the credential's own restriction, which the policy cannot relax):
 * <ul>
 *   <li>{@link #MAX_AMOUNT}: the amount leaving exceeds the smallest {@code custos-max-amount};
 *   <li>{@link #DESTINATION}: an external output is not admitted by <em>every</em> {@code
 *       custos-destinations} set. An entry admits the output script of an address of the request's
 *       network, or, as {@code book:<name>}, every script of the policy's address book of that
 *       name; an address of another network, or a book the policy does not define (or no policy),
 *       admits nothing;
 *   <li>{@link #ACCOUNT}: an input the signer could sign (not finalized, with a BIP32 or taproot
 *       key origin carrying this wallet's master fingerprint) has such an origin outside the
 *       {@code custos-account} path. The signer signs every origin with our fingerprint that
 *       derives to its key, so every one of them must lie under the account.
 * </ul>
 * {@link #narrow} adds the findings to a decision: any finding makes it DENY (without debits);
 * nothing here can turn DENY or PENDING_APPROVAL into ALLOW.
 */
public final class CredentialLimits {
  public static final PolicyTag MAX_AMOUNT = new PolicyTag("policy-macaroon-max-amount");
  public static final PolicyTag DESTINATION = new PolicyTag("policy-macaroon-destination");
  public static final PolicyTag ACCOUNT = new PolicyTag("policy-macaroon-account");
  /** The tags of this class, in documentation order. */
  public static final List<PolicyTag> TAGS = List.of(MAX_AMOUNT, DESTINATION, ACCOUNT);

  private static final String BOOK_PREFIX = "book:";

  private CredentialLimits() {}

  /**
   * The DENY findings of {@code constraints} for {@code request}.
   *
   * @param policy the applied policy, whose address books {@code book:<name>} entries name
   * @param masterFingerprint the wallet's BIP32 master fingerprint (which inputs the signer signs)
   */
  public static List<Finding> findings(
      MacaroonConstraints constraints, SpendRequest request, Optional<Policy> policy, int masterFingerprint) {
    List<Finding> out = new ArrayList<>();
    long leaving = request.analysis().amountLeavingSat();
    constraints.maxAmountSat().ifPresent(max -> {
      if (leaving > max) {
        out.add(deny(MAX_AMOUNT, "amount " + Amounts.format(leaving) + " > macaroon max " + Amounts.format(max)));
      }
    });
    if (!constraints.destinationSets().isEmpty()) {
      Network network = Network.parse(request.analysis().network());
      List<Set<ByteVector>> admitted = constraints.destinationSets().stream()
          .map(set -> scripts(set, network, policy)).toList();
      for (OutputAnalysis o : request.analysis().outputs()) {
        if (o.isOurs()) {
          continue;
        }
        ByteVector script = new ByteVector(o.scriptHex());
        for (int i = 0; i < admitted.size(); i++) {
          if (!admitted.get(i).contains(script)) {
            out.add(deny(DESTINATION, "output " + o.index() + " (" + o.address().orElse("script " + o.scriptHex())
                + ") is not admitted by custos-destinations caveat " + (i + 1) + " of " + admitted.size()));
          }
        }
      }
    }
    constraints.account().ifPresent(account -> {
      List<PsbtInput> inputs = request.psbt().inputs();
      for (int i = 0; i < inputs.size(); i++) {
        PsbtInput in = inputs.get(i);
        if (in.isFinalized()) {
          continue;
        }
        int index = i;
        origins(in)
            .filter(o -> o.masterFingerprint() == masterFingerprint && !o.path().startsWith(account))
            .map(KeyOrigin::path).distinct().forEach(path -> out.add(deny(ACCOUNT,
                "input " + index + " would be signed with key " + path + ", outside the macaroon's account " + account)));
      }
    });
    return List.copyOf(out);
  }

  /** {@code decision} with {@code findings} added: DENY without debits when there is any. */
  public static Decision narrow(Decision decision, List<Finding> findings) {
    if (findings.isEmpty()) {
      return decision;
    }
    List<Finding> all = new ArrayList<>(decision.findings());
    all.addAll(findings);
    return new Decision(Verdict.DENY, all, List.of(), decision.budgets());
  }

  private static Set<ByteVector> scripts(Set<String> entries, Network network, Optional<Policy> policy) {
    Set<ByteVector> out = new HashSet<>();
    for (String entry : entries) {
      if (entry.startsWith(BOOK_PREFIX)) {
        String name = entry.substring(BOOK_PREFIX.length());
        policy.map(p -> p.addressBooks().get(name)).ifPresent(out::addAll);
      } else {
        var script = Bitcoin.addressToPublicKeyScript(network.chainHash(), entry);
        if (script.isRight()) {
          out.add(new ByteVector(Script.write(script.getRight())));
        }
      }
    }
    return out;
  }

  private static Stream<KeyOrigin> origins(PsbtInput in) {
    return Stream.concat(in.bip32Derivations().values().stream(), in.tapBip32Derivations().values().stream().map(TapKeyOrigin::origin));
  }

  private static Finding deny(PolicyTag tag, String reason) {
    return new Finding(tag, Finding.Effect.DENY, reason);
  }
}
