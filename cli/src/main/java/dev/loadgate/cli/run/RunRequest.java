package dev.loadgate.cli.run;

import dev.loadgate.targets.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asked {@code loadgate run} to do, with defaults resolved; not yet checked against
 * files, suites or the safety rules (that is {@link RunSteps#validate}).
 *
 * @param target the external target's app URL; empty starts the embedded reference app
 * @param authUrl the Supabase Auth URL of an external target; empty means the app URL
 * @param suite the suite name, e.g. {@code smoke}, {@code pre-release} or a journey
 * @param baselinesFile the baselines YAML
 * @param suitesFile the suites YAML
 * @param against an accepted run (folder or id under {@code baselines/accepted/}) to gate against
 * @param reportsRoot where run folders are written
 * @param duration the measured phase's length instead of the suite's
 * @param rateScale multiplies every arrival rate; positive
 * @param injections faults for the embedded app, e.g. {@code download=+2500ms}
 * @param jmh whether to run the JMH benchmarks after load
 * @param databaseUrl a JDBC URL for the probes (and cleanup), credentials included
 * @param accountsFile the synthetic accounts of an external target
 * @param safety the options of the safety interlocks
 * @param allowUngated {@code --allow-ungated}: check ids (globs) the user leaves ungated on purpose
 * @param provision whether to provision the synthetic dataset on an external target when the
 *     accounts file is missing or short ({@code --provision})
 */
public record RunRequest(
    Optional<URI> target,
    Optional<URI> authUrl,
    String suite,
    Path baselinesFile,
    Path suitesFile,
    Optional<String> against,
    Path reportsRoot,
    Optional<Duration> duration,
    double rateScale,
    List<String> injections,
    boolean jmh,
    Optional<Secret> databaseUrl,
    Optional<Path> accountsFile,
    SafetyOptions safety,
    List<String> allowUngated,
    boolean provision) {
  /** A request that leaves no check ungated beyond what the suite says. */
  public RunRequest(
      Optional<URI> target,
      Optional<URI> authUrl,
      String suite,
      Path baselinesFile,
      Path suitesFile,
      Optional<String> against,
      Path reportsRoot,
      Optional<Duration> duration,
      double rateScale,
      List<String> injections,
      boolean jmh,
      Optional<Secret> databaseUrl,
      Optional<Path> accountsFile,
      SafetyOptions safety) {
    this(
        target,
        authUrl,
        suite,
        baselinesFile,
        suitesFile,
        against,
        reportsRoot,
        duration,
        rateScale,
        injections,
        jmh,
        databaseUrl,
        accountsFile,
        safety,
        List.of(),
        false);
  }

  /** A request without {@code --provision}. */
  public RunRequest(
      Optional<URI> target,
      Optional<URI> authUrl,
      String suite,
      Path baselinesFile,
      Path suitesFile,
      Optional<String> against,
      Path reportsRoot,
      Optional<Duration> duration,
      double rateScale,
      List<String> injections,
      boolean jmh,
      Optional<Secret> databaseUrl,
      Optional<Path> accountsFile,
      SafetyOptions safety,
      List<String> allowUngated) {
    this(
        target,
        authUrl,
        suite,
        baselinesFile,
        suitesFile,
        against,
        reportsRoot,
        duration,
        rateScale,
        injections,
        jmh,
        databaseUrl,
        accountsFile,
        safety,
        allowUngated,
        false);
  }

  public RunRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(authUrl, "authUrl");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(baselinesFile, "baselinesFile");
    Objects.requireNonNull(suitesFile, "suitesFile");
    Objects.requireNonNull(against, "against");
    Objects.requireNonNull(reportsRoot, "reportsRoot");
    Objects.requireNonNull(duration, "duration");
    injections = List.copyOf(injections);
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(accountsFile, "accountsFile");
    Objects.requireNonNull(safety, "safety");
    allowUngated = List.copyOf(allowUngated);
  }

  /** Whether loadgate starts its own target (embedded PostgreSQL + reference app). */
  public boolean embedded() {
    return target.isEmpty();
  }

  /** The target as shown in reports and on the console: its URL, or {@code embedded}. */
  public String targetDisplay() {
    return target.map(URI::toString).orElse("embedded");
  }

  /**
   * The options of the safety interlocks.
   *
   * @param allowHosts hosts from {@code --allow-host} and {@code --allow-list}
   * @param productionDomains the production domains
   * @param productionAcknowledged {@code --i-know-this-is-production}
   * @param maxRatePerSec {@code --max-rate}, the user's own cap on the total arrival rate
   * @param overrideCaps {@code --override-caps}
   */
  public record SafetyOptions(
      List<String> allowHosts,
      List<String> productionDomains,
      boolean productionAcknowledged,
      Optional<Double> maxRatePerSec,
      boolean overrideCaps) {
    public SafetyOptions {
      allowHosts = List.copyOf(allowHosts);
      productionDomains = List.copyOf(productionDomains);
      Objects.requireNonNull(maxRatePerSec, "maxRatePerSec");
    }
  }
}
