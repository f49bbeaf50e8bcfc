package dev.loadgate.simulations;

import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.config.Quantities;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Recording;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.simulations.accounts.AccountProvisioner;
import dev.loadgate.simulations.recording.SampleSink;
import dev.loadgate.targets.TargetProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run started by {@code mvn gatling:test}: the suite, target and overrides come from {@code
 * -Dloadgate.*} properties; without {@code -Dloadgate.target} the reference app is started on a
 * free loopback port (rate limits off) and stopped afterwards. The recorded histograms are written
 * to {@code target/loadgate/<suite>-<time>/}. One run per JVM, as the Gatling plugin forks one.
 */
final class MavenRun {
  private static RunningReferenceApp app;
  private static Recording recording;
  private static String suiteName;

  private MavenRun() {}

  /** Starts what the run needs and returns the plan for the simulation's constructor. */
  static synchronized ActivePlan start(String defaultSuite) {
    Path home = Path.of(property("loadgate.home", ".."));
    suiteName = property("loadgate.suite", defaultSuite);
    Baselines baselines =
        BaselinesLoader.load(home.resolve("baselines").resolve("production.yaml"));
    Suite suite =
        Suites.named(
            Suites.load(home.resolve("baselines").resolve("suites.yaml"), baselines), suiteName);
    List<String> ungated = Suites.coverageProblems(suite, baselines, List.of());
    if (!ungated.isEmpty()) {
      throw new IllegalArgumentException(String.join(System.lineSeparator(), ungated));
    }
    Optional<Duration> duration =
        Optional.of(property("loadgate.duration", ""))
            .filter(d -> !d.isBlank())
            .map(
                d ->
                    Quantities.tryDuration(d)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "-Dloadgate.duration must be a duration such as 30s (got \""
                                        + d
                                        + "\")")));
    double rateScale =
        Quantities.positiveNumber(property("loadgate.rateScale", "1"), Quantities.MAX_SCALE);
    LoadPlan plan =
        new LoadPlan(
            target(), suite, duration, rateScale, Path.of("target", "gatling"), true, false);
    if (!Boolean.parseBoolean(property("loadgate.overrideCaps", "false"))
        && !plan.capViolations().isEmpty()) {
      throw new IllegalArgumentException(String.join(System.lineSeparator(), plan.capViolations()));
    }
    recording = Recording.start();
    return new ActivePlan(
        plan, SampleSink.into(recording), GatlingAssertions.fromBaselines(baselines, suite));
  }

  /** Writes the measurements and stops the reference app if one was started. */
  static synchronized void stop() {
    if (recording != null) {
      Measurements measurements = recording.finish();
      String time =
          LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
      Path folder =
          Path.of(property("loadgate.outputDir", "target"), "loadgate", suiteName + "-" + time);
      MeasurementStore.write(folder, measurements);
      System.out.println("loadgate: recorded histograms in " + folder.toAbsolutePath());
    }
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private static TargetProfile target() {
    String url = property("loadgate.target", "");
    if (url.isBlank()) {
      app =
          ReferenceApp.start(ReferenceAppSettings.defaults().withRateLimits(RateLimits.disabled()));
      return app.targetProfile();
    }
    Optional<URI> auth =
        Optional.of(property("loadgate.authUrl", "")).filter(a -> !a.isBlank()).map(URI::create);
    TargetProfile target = EnvironmentTarget.profile(URI.create(url), auth, System.getenv());
    String signUps = System.getenv().getOrDefault("LOADGATE_SIGNUP_SUBSCRIBERS", "");
    return signUps.isBlank()
        ? target
        : AccountProvisioner.withSignedUpSubscribers(
            target,
            Integer.parseInt(signUps.strip()),
            Long.toString(System.currentTimeMillis() / 1000, 36));
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
