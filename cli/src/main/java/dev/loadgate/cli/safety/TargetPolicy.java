package dev.loadgate.cli.safety;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which hosts loadgate may send load to. Loopback is always allowed; any other host only
 * when allow-listed; a host in a production domain additionally needs the explicit production
 * acknowledgement and a rate cap. Pure: no DNS lookups, so a check never depends on the network.
 *
 * @param allowedHosts host names or patterns ({@code staging.example.com}, {@code
 *     *.preview.example.com}); lower case
 * @param productionDomains domains whose hosts are production ({@code talk-to-my-lawyer.com} covers
 *     the domain and every subdomain); lower case
 * @param productionAcknowledged whether {@code --i-know-this-is-production} was given
 * @param rateCapped whether an explicit rate cap ({@code --max-rate}) was given
 */
public record TargetPolicy(
    List<String> allowedHosts,
    List<String> productionDomains,
    boolean productionAcknowledged,
    boolean rateCapped) {
  /** The production domain of Talk-To-My-Lawyer, used unless another is configured. */
  public static final String DEFAULT_PRODUCTION_DOMAIN = "talk-to-my-lawyer.com";

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  public TargetPolicy {
    allowedHosts = allowedHosts.stream().map(TargetPolicy::normalise).toList();
    productionDomains = productionDomains.stream().map(TargetPolicy::normalise).toList();
  }

  /**
   * Every reason why {@code url} may not be loaded, each a complete sentence; empty when allowed.
   *
   * @param option the option the URL came from, e.g. {@code "--target"}, for the messages
   */
  public List<String> problems(String option, URI url) {
    List<String> problems = new ArrayList<>();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.add(
          option
              + ": the target must be an http or https URL (expected e.g."
              + " https://staging.example.com, got \""
              + url
              + "\").");
      return problems;
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      problems.add(option + ": the URL has no host (got \"" + url + "\").");
      return problems;
    }
    String host = normalise(url.getHost());
    if (isLoopback(host)) {
      return problems;
    }
    if (isProduction(host)) {
      if (!productionAcknowledged) {
        problems.add(
            option
                + ": "
                + host
                + " is a production host (domain "
                + productionDomainOf(host)
                + "); loadgate refuses to load it (expected --i-know-this-is-production, got no"
                + " such flag). Point --target at staging or a preview deployment instead.");
      }
      if (!rateCapped) {
        problems.add(
            option
                + ": a production host needs an explicit rate cap (expected --max-rate <users/s>,"
                + " got none). Choose a rate production can absorb on top of real traffic.");
      }
    }
    if (!isAllowListed(host)) {
      problems.add(
          option
              + ": "
              + host
              + " is not on the allow-list (expected loopback or a host named by --allow-host or"
              + " --allow-list, got "
              + host
              + "). Add --allow-host "
              + host
              + " if this target is yours to load.");
    }
    return problems;
  }

  /** Whether {@code host} (a name or an IP literal) is this machine. */
  public static boolean isLoopback(String host) {
    String h = normalise(host);
    return LOOPBACK_NAMES.contains(h)
        || IPV4_LOOPBACK.matcher(h).matches()
        || h.equals("::1")
        || h.equals("[::1]")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.equals("[0:0:0:0:0:0:0:1]");
  }

  /** Whether {@code host} is one of the production domains or below one. */
  public boolean isProduction(String host) {
    return productionDomainOf(host) != null;
  }

  private String productionDomainOf(String host) {
    String h = normalise(host);
    for (String domain : productionDomains) {
      if (h.equals(domain) || h.endsWith("." + domain)) {
        return domain;
      }
    }
    return null;
  }

  private boolean isAllowListed(String host) {
    for (String pattern : allowedHosts) {
      if (pattern.startsWith("*.")) {
        String suffix = pattern.substring(1);
        if (host.endsWith(suffix) && host.length() > suffix.length()) {
          return true;
        }
      } else if (pattern.equals(host)) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
