package dev.loadgate.simulations.accounts;

import dev.loadgate.targets.Account;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts handed to virtual users. {@link Mode#SHARED} pools hand accounts out in turn to any
 * number of users at once (signing in and reading do not conflict); {@link Mode#EXCLUSIVE} pools
 * lease each account to one user until it is released, so that journeys that spend credits or
 * create subscriptions never race on one account. Thread-safe.
 */
public final class AccountPool {
  /** How accounts are shared. */
  public enum Mode {
    SHARED,
    EXCLUSIVE
  }

  private final String name;
  private final Mode mode;
  private final List<Account> accounts;
  private final Map<String, Account> byEmail = new LinkedHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Deque<Account> free;
  private final AtomicLong exhausted = new AtomicLong();

  public AccountPool(String name, Mode mode, List<Account> accounts) {
    this.name = name;
    this.mode = mode;
    this.accounts = List.copyOf(accounts);
    this.accounts.forEach(a -> byEmail.put(a.email(), a));
    this.free = new ArrayDeque<>(this.accounts);
  }

  /** The pool's name, for messages. */
  public String name() {
    return name;
  }

  /** Every account of the pool, in the order they are handed out. */
  public List<Account> accounts() {
    return accounts;
  }

  public int size() {
    return accounts.size();
  }

  public boolean isEmpty() {
    return accounts.isEmpty();
  }

  /**
   * One account handed to one virtual user.
   *
   * @param account the account
   * @param leased whether it must be {@linkplain #release released} after the journey
   */
  public record Lease(Account account, boolean leased) {}

  /**
   * An account for one virtual user, empty only when the pool has none. In an exclusive pool the
   * account is leased until {@link #release}; when every account is leased, one is shared after all
   * (counted in {@link #exhaustedCount()}: the pool is too small for the arrival rate).
   */
  public Optional<Lease> take() {
    if (accounts.isEmpty()) {
      return Optional.empty();
    }
    if (mode == Mode.EXCLUSIVE) {
      synchronized (free) {
        Account account = free.pollFirst();
        if (account != null) {
          return Optional.of(new Lease(account, true));
        }
      }
      exhausted.incrementAndGet();
    }
    Account shared = accounts.get(Math.floorMod(next.getAndIncrement(), accounts.size()));
    return Optional.of(new Lease(shared, false));
  }

  /** Gives a leased account back; only call it for a {@link Lease#leased()} account. */
  public void release(String email) {
    if (mode == Mode.EXCLUSIVE && byEmail.containsKey(email)) {
      synchronized (free) {
        if (!free.contains(byEmail.get(email))) {
          free.addLast(byEmail.get(email));
        }
      }
    }
  }

  /** The account with that e-mail, if it belongs to the pool. */
  public Optional<Account> byEmail(String email) {
    return Optional.ofNullable(byEmail.get(email));
  }

  /** How often a virtual user found every account leased. */
  public long exhaustedCount() {
    return exhausted.get();
  }
}
