package dev.loadgate.run;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where a run happened, recorded so that comparisons can say when two runs are not alike.
 *
 * @param jdk e.g. {@code "17.0.15 (Debian)"}
 * @param cores available processors
 * @param maxHeapBytes the injector JVM's maximum heap
 * @param os e.g. {@code "Linux 6.1 amd64"}
 * @param gitCommit the loadgate checkout's commit, or {@code "unknown"}
 * @param target the target's base URL or {@code "embedded"}
 * @param suite the suite that ran
 * @param extra anything else worth comparing (e.g. {@code ai-latency}); never secrets
 */
public record Environment(
    String jdk,
    int cores,
    long maxHeapBytes,
    String os,
    String gitCommit,
    String target,
    String suite,
    Map<String, String> extra) {
  /** The value of {@link #gitCommit()} when the checkout's commit cannot be read. */
  public static final String UNKNOWN = "unknown";

  /** System property naming the loadgate checkout (set by the {@code ./loadgate} launcher). */
  public static final String HOME_PROPERTY = "loadgate.home";

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final long GIT_TIMEOUT_SECONDS = 5;

  public Environment {
    jdk = orUnknown(jdk);
    os = orUnknown(os);
    gitCommit = orUnknown(gitCommit);
    target = orUnknown(target);
    suite = orUnknown(suite);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * The environment of this JVM.
   *
   * @param target the target's base URL ({@code user:password@} and query strings are dropped so
   *     that credentials cannot reach a report) or {@code "embedded"}
   * @param suite the suite that runs
   * @param extra further settings worth comparing; never secrets
   */
  public static Environment capture(String target, String suite, Map<String, String> extra) {
    Runtime runtime = Runtime.getRuntime();
    return new Environment(
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        runtime.availableProcessors(),
        runtime.maxMemory(),
        String.join(
            " ",
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            System.getProperty("os.arch")),
        gitCommit(checkoutDir()),
        withoutCredentials(target),
        suite,
        extra);
  }

  /**
   * The commit checked out in {@code dir}, read with {@code git rev-parse HEAD}; {@link #UNKNOWN}
   * when {@code dir} is not a git checkout or git is missing.
   */
  public static String gitCommit(Path dir) {
    Path out = null;
    try {
      out = Files.createTempFile("loadgate-git", ".txt");
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return UNKNOWN;
      }
      String commit = Files.readString(out, StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && COMMIT.matcher(commit).matches() ? commit : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a stray temp file is harmless
        }
      }
    }
  }

  /** {@code url} without user info, query or fragment; other strings unchanged. */
  static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return url;
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return url.toLowerCase(Locale.ROOT).startsWith("http") ? "invalid-url" : url;
    }
  }

  private static Path checkoutDir() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.dir") : home);
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value;
  }
}
