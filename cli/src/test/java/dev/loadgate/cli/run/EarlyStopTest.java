package dev.loadgate.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EarlyStopTest {
  @Test
  void closesTheArrivalsOnceTheFirstTimeEveryCheckIsDecided() throws InterruptedException {
    AtomicInteger looks = new AtomicInteger();
    AtomicInteger fired = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);

    EarlyStop stop =
        EarlyStop.start(
            () -> looks.incrementAndGet() >= 3,
            () -> {
              fired.incrementAndGet();
              done.countDown();
            },
            Duration.ofMillis(5));

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    stop.stop();
    assertThat(stop.fired()).isTrue();
    assertThat(fired.get()).isEqualTo(1);
    assertThat(looks.get()).isEqualTo(3); // no look after the decision
  }

  @Test
  void aLookThatThrowsDecidesNothingAndLookingGoesOn() throws InterruptedException {
    AtomicInteger looks = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);

    EarlyStop stop =
        EarlyStop.start(
            () -> {
              if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("snapshot not ready");
              }
              return true;
            },
            done::countDown,
            Duration.ofMillis(5));

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    stop.stop();
    assertThat(looks.get()).isEqualTo(2);
  }

  @Test
  void anUndecidedRunIsNeverStopped() {
    AtomicInteger fired = new AtomicInteger();
    EarlyStop stop = EarlyStop.start(() -> false, fired::incrementAndGet, Duration.ofMillis(5));

    stop.stop();

    assertThat(stop.fired()).isFalse();
    assertThat(fired.get()).isZero();
  }
}
