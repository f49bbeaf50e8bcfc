package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.simulations.accounts.AccountPool;
import dev.loadgate.simulations.accounts.AccountPools;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountPoolsTest {
  private static Account subscriber(int n, List<String> letters) {
    return new Account("sub-" + n + "@loadgate.test", Secret.of("pw"), "subscriber", "", letters);
  }

  private static final TargetProfile TARGET =
      TargetProfile.builder(URI.create("http://127.0.0.1:1"))
          .accounts(
              List.of(
                  subscriber(1, List.of("l1")),
                  subscriber(2, List.of()),
                  subscriber(3, List.of()),
                  subscriber(4, List.of()),
                  subscriber(5, List.of()),
                  new Account(
                      "emp@loadgate.test", Secret.of("pw"), "employee", "EMP-ABC123", List.of())))
          .build();

  @Test
  void spendersAreSplitBetweenWritersAndBuyersOnlyWhenBothRun() {
    AccountPools both = AccountPools.of(TARGET);
    AccountPools writingOnly = AccountPools.of(TARGET, Set.of(Journeys.LETTER_GENERATION));

    assertThat(both.letterWriters().size()).isEqualTo(2);
    assertThat(both.buyers().size()).isEqualTo(2);
    assertThat(both.readers().size()).isEqualTo(1);
    assertThat(both.signIn().size()).isEqualTo(5);
    assertThat(both.couponCodes()).containsExactly("EMP-ABC123");
    assertThat(writingOnly.letterWriters().size()).isEqualTo(4);
    assertThat(writingOnly.buyers().isEmpty()).isTrue();
  }

  @Test
  void anExclusivePoolLeasesEachAccountOnceThenSharesAndCountsIt() {
    AccountPool pool = AccountPools.of(TARGET).letterWriters();

    AccountPool.Lease first = pool.take().orElseThrow();
    AccountPool.Lease second = pool.take().orElseThrow();
    AccountPool.Lease third = pool.take().orElseThrow();

    assertThat(first.leased()).isTrue();
    assertThat(second.leased()).isTrue();
    assertThat(second.account()).isNotEqualTo(first.account());
    assertThat(third.leased()).isFalse();
    assertThat(pool.exhaustedCount()).isEqualTo(1);
    pool.release(first.account().email());
    assertThat(pool.take().orElseThrow()).isEqualTo(new AccountPool.Lease(first.account(), true));
  }
}
