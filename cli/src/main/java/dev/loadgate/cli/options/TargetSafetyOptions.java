package dev.loadgate.cli.options;

import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.safety.AllowListFile;
import dev.loadgate.cli.safety.TargetPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The safety options of every command that points loadgate at a host ({@code run}, {@code
 * cleanup}): which non-loopback hosts are allowed and what counts as production. A picocli mixin,
 * declared once.
 */
public final class TargetSafetyOptions {
  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description = "Allow this non-loopback host (or *.domain). Repeatable.")
  private List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--allow-list",
      paramLabel = "FILE",
      description = "A file of allowed hosts, one per line.")
  private Path allowList;

  @Option(
      names = "--production-domain",
      paramLabel = "DOMAIN",
      description = "A production domain. Default: " + TargetPolicy.DEFAULT_PRODUCTION_DOMAIN + ".")
  private List<String> productionDomains = new ArrayList<>();

  @Option(
      names = "--i-know-this-is-production",
      description =
          "Required to point loadgate at a host in a production domain (a run also needs"
              + " --max-rate).")
  private boolean productionAcknowledged;

  /**
   * The allowed hosts of {@code --allow-host} and {@code --allow-list}; file problems are added.
   */
  public List<String> allowedHosts(List<String> problems) {
    List<String> hosts = new ArrayList<>(allowHosts);
    if (allowList != null) {
      try {
        hosts.addAll(AllowListFile.read(allowList));
      } catch (BadInputException e) {
        problems.addAll(e.problems());
      }
    }
    return hosts;
  }

  /** The production domains, the default when none is given. */
  public List<String> productionDomains() {
    return productionDomains.isEmpty()
        ? List.of(TargetPolicy.DEFAULT_PRODUCTION_DOMAIN)
        : List.copyOf(productionDomains);
  }

  /** {@code --i-know-this-is-production}. */
  public boolean productionAcknowledged() {
    return productionAcknowledged;
  }

  /**
   * The policy these options describe.
   *
   * @param rateCapped whether the user capped the rate ({@code --max-rate}); commands that do not
   *     load pass true
   */
  public TargetPolicy policy(List<String> problems, boolean rateCapped) {
    return new TargetPolicy(
        allowedHosts(problems), productionDomains(), productionAcknowledged, rateCapped);
  }
}
