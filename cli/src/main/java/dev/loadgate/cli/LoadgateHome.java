package dev.loadgate.cli;

import java.nio.file.Path;

/**
 * Where default files live: the {@code loadgate.home} system property (the launcher sets it to the
 * checkout), else the working directory. Relative paths a user types stay relative to the working
 * directory, as a shell user expects; only defaults resolve against the home.
 */
public final class LoadgateHome {
  /** The system property the launcher sets to the repository root. */
  public static final String PROPERTY = "loadgate.home";

  public static final String DEFAULT_BASELINES = "baselines/production.yaml";
  public static final String DEFAULT_SUITES = "baselines/suites.yaml";
  public static final String DEFAULT_ACCEPTED = "baselines/accepted";
  public static final String DEFAULT_REPORTS = "reports";

  private LoadgateHome() {}

  public static Path home() {
    String home = System.getProperty(PROPERTY);
    return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
  }

  /** A default file, resolved against {@link #home()}. */
  public static Path resolveDefault(String relative) {
    return home().resolve(relative).normalize();
  }

  /** A path the user gave, or the default resolved against the home when none was given. */
  public static Path orDefault(Path given, String defaultRelative) {
    return given != null ? given.toAbsolutePath().normalize() : resolveDefault(defaultRelative);
  }

  /** A path for messages: relative to the working directory when below it, else absolute. */
  public static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) && !absolute.equals(cwd)
        ? cwd.relativize(absolute).toString()
        : absolute.toString();
  }
}
