package dev.loadgate.simulations.accounts;

import dev.loadgate.scaleout.Shard;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.accounts.AccountPool.Mode;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.TargetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The target's synthetic accounts, split between journeys so that none conflict: journeys that
 * spend letter credits and journeys that buy plans get disjoint, exclusively leased subscribers;
 * sign-in and download share theirs.
 *
 * @param signIn every subscriber, shared (the auth journey)
 * @param letterWriters subscribers leased one per letter-generation journey
 * @param buyers subscribers leased one per payment journey
 * @param readers subscribers with approved letters, shared (the download journey)
 * @param couponCodes the employees' {@code EMP-} coupon codes
 * @param admin the admin account for the portal, if the target has one
 */
public record AccountPools(
    AccountPool signIn,
    AccountPool letterWriters,
    AccountPool buyers,
    AccountPool readers,
    List<String> couponCodes,
    Optional<Account> admin) {

  public AccountPools {
    couponCodes = List.copyOf(couponCodes);
  }

  /** Splits a target's accounts for a run of every journey. */
  public static AccountPools of(TargetProfile target) {
    return of(target, Set.of(Journeys.LETTER_GENERATION, Journeys.PAYMENT));
  }

  /**
   * Splits a target's accounts for a run of {@code journeys}. Subscribers without approved letters
   * (all subscribers, if fewer than two lack them) go to the journeys that spend or buy: dealt
   * alternately to letter writers and buyers when the run has both, all to the one it has.
   */
  public static AccountPools of(TargetProfile target, Set<String> journeys) {
    return of(target, journeys, Shard.WHOLE);
  }

  /**
   * Splits one shard's slice of a target's accounts for a run of {@code journeys}: the subscribers
   * at positions {@code index}, {@code index + count}, ... ({@link Shard#slice}), so that no two
   * shards of a run sign in as, spend the credits of, or buy for one subscriber. Employees' coupon
   * codes and the admin account are shared: the journeys only read them.
   */
  public static AccountPools of(TargetProfile target, Set<String> journeys, Shard shard) {
    List<Account> subscribers = shard.slice(target.accounts("subscriber"));
    List<Account> readers =
        subscribers.stream().filter(a -> !a.approvedLetterIds().isEmpty()).toList();
    List<Account> spenders =
        subscribers.stream().filter(a -> a.approvedLetterIds().isEmpty()).toList();
    if (spenders.size() < 2) {
      spenders = subscribers;
    }
    List<Account> writers = new ArrayList<>();
    List<Account> buyers = new ArrayList<>();
    boolean writing = journeys.contains(Journeys.LETTER_GENERATION);
    boolean buying = journeys.contains(Journeys.PAYMENT);
    for (int i = 0; i < spenders.size(); i++) {
      boolean toWriters = writing && (!buying || i % 2 == 0);
      (toWriters ? writers : buyers).add(spenders.get(i));
    }
    List<String> coupons =
        target.accounts("employee").stream()
            .map(Account::couponCode)
            .filter(c -> c.startsWith("EMP-"))
            .toList();
    Optional<Account> admin =
        target.admin().or(() -> target.accounts("admin").stream().findFirst());
    return new AccountPools(
        new AccountPool("subscribers", Mode.SHARED, subscribers),
        new AccountPool("letter writers", Mode.EXCLUSIVE, writers),
        new AccountPool("buyers", Mode.EXCLUSIVE, buyers),
        new AccountPool("subscribers with approved letters", Mode.SHARED, readers),
        coupons,
        admin);
  }
}
