package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadgate.measure.Phase;
import dev.loadgate.simulations.recording.Instrument;
import dev.loadgate.simulations.recording.SampleSink;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures what recording costs: rounds that alternate between a plain Gatling request and the same
 * request through {@link Instrument} into a real recording, each round as many concurrent users as
 * fast as they can go. Both variants count completed requests the same way. Closed model on
 * purpose: it measures throughput, not latency.
 */
public class OverheadSimulation extends Simulation {
  static volatile URI target;
  static volatile SampleSink sink;

  /** Warm-up rounds (alternating, not counted): the injector's JIT needs about 10 s. */
  static final int WARMUP_ROUNDS = 4;

  /** Blocks of four counted rounds, plain and recorded as A B B A. */
  static final int BLOCKS = 4;

  /** Warm-up rounds, then the blocks. */
  static final int ROUNDS = WARMUP_ROUNDS + 4 * BLOCKS;

  static final int USERS = 16;
  static final Duration ROUND = Duration.ofSeconds(3);
  static final String PATH = "/api/generate-letter";

  /** Completed requests per round. */
  static final AtomicLongArray COMPLETED = new AtomicLongArray(ROUNDS);

  /** Whether a round runs the recorded variant: after the warm-up rounds, A B B A repeated. */
  static boolean recorded(int round) {
    if (round < WARMUP_ROUNDS) {
      return round % 2 == 1;
    }
    int inBlock = (round - WARMUP_ROUNDS) % 4;
    return inBlock == 1 || inBlock == 2;
  }

  /** Whether a round counts (not a warm-up round). */
  static boolean counted(int round) {
    return round >= WARMUP_ROUNDS;
  }

  public OverheadSimulation() {
    Instrument instrument = new Instrument(sink, LoadSimulation.REQUEST_TIMEOUT);
    PopulationBuilder chain = null;
    for (int round = ROUNDS - 1; round >= 0; round--) {
      int r = round;
      ChainBuilder request =
          recorded(r)
              ? instrument.request("GET " + PATH, http("GET " + PATH).get(PATH), 200)
              : exec(http("GET " + PATH).get(PATH).check(status().is(200)));
      ChainBuilder counted =
          exec(request)
              .exec(
                  session -> {
                    COMPLETED.incrementAndGet(r);
                    return session;
                  });
      PopulationBuilder population =
          scenario("round-" + r)
              .exec(instrument.begin(Phase.MEASURE))
              .exec(during(ROUND, false).on(counted))
              .injectOpen(atOnceUsers(USERS));
      chain = chain == null ? population : population.andThen(chain);
    }
    setUp(chain)
        .protocols(
            http.baseUrl(target.toString()).disableCaching().disableWarmUp().shareConnections());
  }
}
