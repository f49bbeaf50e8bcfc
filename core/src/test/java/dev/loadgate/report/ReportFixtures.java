package dev.loadgate.report;

import dev.loadgate.measure.Figure;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.run.Environment;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.Comparison;
import dev.loadgate.verdict.ConfidenceInterval;
import dev.loadgate.verdict.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** A deterministic run with every kind of check, for golden files and structural tests. */
final class ReportFixtures {
  static final Instant STARTED = Instant.parse("2026-11-29T07:15:02Z");
  static final Instant FINISHED = Instant.parse("2026-11-29T07:16:14Z");
  static final String RUN_ID = "20261129T071502Z-smoke";

  private ReportFixtures() {}

  static Environment environment() {
    return new Environment(
        "17.0.15 (Debian)",
        2,
        2_147_483_648L,
        "Linux 6.1.0 amd64",
        "0123456789abcdef0123456789abcdef01234567",
        "embedded",
        "smoke",
        Map.of("ai-latency", "fixed:200ms", "arrival-rate", "5/s"));
  }

  static RunMetadata metadata(String runId) {
    return new RunMetadata(
        runId,
        STARTED,
        FINISHED,
        environment(),
        "baselines/production.yaml",
        "20261128T200000Z-smoke");
  }

  static Check authFail() {
    return new Check(
        "latency.auth.p95",
        "Authentication p95",
        Status.FAIL,
        true,
        612,
        "<",
        500,
        "ms",
        2400,
        new ConfidenceInterval(590, 640, 95),
        new Comparison(
            "20261128T200000Z-smoke", 480, new ConfidenceInterval(470, 495, 95), 132, 27.5, true),
        "required < 500 ms, actual 612 ms (95 % CI 590–640, n=2400)",
        "Performance Baselines / API Response Times");
  }

  /** The fixture's checks; those of a journey path carry it, as the verdict engine sets it. */
  static List<Check> checks() {
    return unpathed().stream().map(ReportFixtures::withJourneyPath).toList();
  }

  private static Check withJourneyPath(Check check) {
    String[] parts = check.id().split("\\.");
    boolean pathLatency =
        (parts[0].equals("latency") || parts[0].equals("service"))
            && !parts[1].equals("api")
            && parts[2].equals("p95");
    return pathLatency ? check.withPath(parts[1]) : check;
  }

  private static List<Check> unpathed() {
    return List.of(
        new Check(
            "latency.letter_generation.p95",
            "Letter generation p95",
            Status.PASS,
            true,
            4210.5,
            "<",
            30000,
            "ms",
            180,
            new ConfidenceInterval(3980, 4620, 95),
            new Comparison("20261128T200000Z-smoke", 4300, null, -89.5, -2.081, false),
            "whole interval below the limit",
            "Performance Baselines / API Response Times"),
        authFail(),
        new Check(
            "latency.payment.p95",
            "Payment p95",
            Status.WARN,
            true,
            2950,
            "<",
            3000,
            "ms",
            300,
            new ConfidenceInterval(2800, 3100, 95),
            null,
            "limit inside the interval | undecided",
            "Performance Baselines / API Response Times"),
        new Check(
            "latency.download.p95",
            "Download p95",
            Status.NO_DATA,
            true,
            Double.NaN,
            "<",
            2000,
            "ms",
            12,
            null,
            null,
            "12 samples, at least 60 needed for a p95",
            "Performance Baselines / API Response Times"),
        new Check(
            "errors.all.rate",
            "Error rate, all requests",
            Status.PASS,
            true,
            0.25,
            "<",
            2,
            "%",
            4000,
            new ConfidenceInterval(0.13, 0.46, 95),
            null,
            "",
            "Alert Thresholds / Critical"),
        new Check(
            "db.index_hit.ratio",
            "Index hit ratio",
            Status.PASS,
            true,
            99.72,
            ">",
            99,
            "%",
            1,
            null,
            null,
            "",
            "Performance Baselines / Database Performance"),
        new Check(
            "email.delivery.p95",
            "E-mail delivery p95",
            Status.NO_DATA,
            false,
            Double.NaN,
            "<",
            300000,
            "ms",
            0,
            null,
            null,
            "email_queue is empty: no e-mail was sent <during> the run",
            "Performance Baselines / Email Delivery"),
        new Check(
            "service.auth.p95",
            "Auth service time p95 (JMH)",
            Status.PASS,
            false,
            3.42,
            "<",
            500,
            "ms",
            5120,
            new ConfidenceInterval(3.3, 3.6, 95),
            null,
            "",
            "Performance Baselines / API Response Times"));
  }

  /** Deterministic measurements: seeded samples, a manual clock, one warm-up and ten measured s. */
  static Measurements measurements() {
    AtomicLong clock = new AtomicLong(STARTED.toEpochMilli());
    Recording recording = Recording.manual(clock::get);
    Random random = new Random(42);
    String[][] paths = {
      {"auth", "POST /auth/v1/token?grant_type=password", "400"},
      {"letter_generation", "POST /api/generate-letter", "3000"},
      {"payment", "POST /api/create-checkout", "1500"},
    };
    for (int second = 0; second < 12; second++) {
      Phase phase = second < 2 ? Phase.WARMUP : Phase.MEASURE;
      for (String[] path : paths) {
        long scaleMicros = Long.parseLong(path[2]) * 1000 / 3;
        int perSecond = path[0].equals("letter_generation") ? 6 : 30;
        for (int i = 0; i < perSecond; i++) {
          long micros = (long) (-Math.log(1 - random.nextDouble()) * scaleMicros) + 1000;
          Outcome outcome = random.nextInt(100) < 2 ? Outcome.HTTP_5XX : Outcome.OK;
          recording.record(SeriesKey.request(phase, path[1]), micros * 1000, outcome);
          recording.record(SeriesKey.group(phase, path[0]), micros * 1100, outcome);
        }
      }
      clock.addAndGet(1000);
      recording.tick();
    }
    Measurements measured = recording.finish();
    return measured
        .withFigure(
            new Figure(
                "db.index_hit.ratio",
                99.72,
                "%",
                1,
                "db-probe",
                "",
                List.of(
                    Map.of(
                        "query",
                        "select * from letters where user_id = $1 order by created_at desc limit $2",
                        "calls",
                        "812",
                        "mean_ms",
                        "4.1"),
                    Map.of(
                        "query", "update profiles set credits = credits - $1 where id = $2",
                        "calls", "120",
                        "mean_ms", "2.7"))))
        .withFigure(
            Figure.missing(
                "email.delivery.p95",
                "ms",
                "email-probe",
                "email_queue is empty: no e-mail was sent <during> the run"));
  }

  static RunResult result() {
    return new RunResult(
        metadata(RUN_ID),
        true,
        "",
        checks(),
        measurements(),
        List.of("environment differs from the accepted run: cores 2 vs 4"));
  }

  static RunResult incomplete() {
    return new RunResult(
        metadata("20261129T071502Z-smoke"),
        false,
        "target unhealthy: GET /api/health answered 503 three times",
        List.of(),
        Measurements.EMPTY,
        List.of());
  }

  /** Compares with a golden file; {@code -Dloadgate.updateGolden=true} rewrites it instead. */
  static void assertGolden(String name, String actual) {
    Path golden = Path.of("src/test/resources/report", name);
    try {
      if (Boolean.getBoolean("loadgate.updateGolden")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      org.assertj.core.api.Assertions.assertThat(actual)
          .as(
              "golden file %s (regenerate with -Dloadgate.updateGolden=true, then review the diff)",
              golden)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
