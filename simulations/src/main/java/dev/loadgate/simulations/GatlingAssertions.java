package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.Bound;
import dev.loadgate.baseline.CheckSpec;
import dev.loadgate.baseline.Source;
import dev.loadgate.baseline.Statistic;
import dev.loadgate.baseline.Unit;
import dev.loadgate.simulations.email.EmailJourney;
import io.gatling.javaapi.core.Assertion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gatling assertions generated from the {@link Baselines} model, so that a plain {@code mvn
 * gatling:test} gates on its own. Every gated check whose statistic Gatling computes gets one, by
 * its source and statistic, never by its id: a percentile of a journey group (measured phase; the
 * warm-up groups are named {@code warmup-<path>}), an error rate of all requests or of a group, the
 * maximum of one request. A check added to {@code production.yaml} in one of these shapes is
 * asserted with no Java change.
 *
 * <p>Gatling judges its own statistics: whole milliseconds, and its request counts include the
 * warm-up. loadgate's verdict engine, which reads the recorded histograms, is the authoritative
 * gate.
 */
public final class GatlingAssertions {
  /** The requests a {@code request:} source may name, and the journey group each belongs to. */
  private static final Map<String, String> REQUEST_JOURNEY =
      Map.of(EmailJourney.PROCESS_QUEUE, Journeys.EMAIL);

  private GatlingAssertions() {}

  /**
   * The assertions for a suite, from a baselines file.
   *
   * @throws IllegalArgumentException when the baselines file cannot be read, with what to do
   */
  public static List<Assertion> fromBaselines(Path productionYaml, Suite suite) {
    try {
      return fromBaselines(BaselinesLoader.load(productionYaml), suite);
    } catch (BaselineException e) {
      throw new IllegalArgumentException(
          productionYaml
              + ": cannot read the baselines ("
              + e.getMessage()
              + "). Check the file with `loadgate baselines validate`.",
          e);
    }
  }

  /** The assertions for the checks {@code suite} gates. */
  public static List<Assertion> fromBaselines(Baselines baselines, Suite suite) {
    List<Assertion> assertions = new ArrayList<>();
    for (CheckSpec check : baselines.checks()) {
      if (suite.gates(check.id()) && check.bound() == Bound.BELOW) {
        assertion(check, suite).ifPresent(assertions::add);
      }
    }
    return List.copyOf(assertions);
  }

  private static Optional<Assertion> assertion(CheckSpec check, Suite suite) {
    Statistic.Kind kind = check.statistic().kind();
    Source source = check.source();
    if (kind == Statistic.Kind.PERCENTILE
        && check.unit() == Unit.MILLISECONDS
        && source instanceof Source.Group group
        && suite.arrivalRatePerSec(group.name()).isPresent()) {
      return Optional.of(
          details(group.name())
              .responseTime()
              .percentile(check.statistic().percentile().percent())
              .lt(wholeMillis(check.limit())));
    }
    if (kind == Statistic.Kind.RATE) {
      if (source instanceof Source.AllRequests all && all.except().isEmpty()) {
        return Optional.of(global().failedRequests().percent().lt(check.limit()));
      }
      if (source instanceof Source.Group group
          && suite.arrivalRatePerSec(group.name()).isPresent()) {
        return Optional.of(details(group.name()).failedRequests().percent().lt(check.limit()));
      }
    }
    if (kind == Statistic.Kind.MAX
        && check.unit() == Unit.MILLISECONDS
        && source instanceof Source.Request request) {
      String group = REQUEST_JOURNEY.get(request.name());
      if (group != null && suite.arrivalRatePerSec(group).isPresent()) {
        return Optional.of(
            details(group, request.name()).responseTime().max().lt(wholeMillis(check.limit())));
      }
    }
    return Optional.empty();
  }

  private static int wholeMillis(double millis) {
    return (int) Math.min(Integer.MAX_VALUE, Math.round(millis));
  }
}
