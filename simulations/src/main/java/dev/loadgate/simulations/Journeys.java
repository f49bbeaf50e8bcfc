package dev.loadgate.simulations;

import dev.loadgate.baseline.Baselines;
import java.util.List;
import java.util.stream.Stream;

/** The names of the journeys loadgate knows; each is a Gatling group of the same name. */
public final class Journeys {
  public static final String AUTH = "auth";
  public static final String LETTER_GENERATION = "letter_generation";
  public static final String PAYMENT = "payment";
  public static final String DOWNLOAD = "download";
  public static final String ADMIN_DASHBOARD = "admin_dashboard";

  /** Not a gated path: calls the e-mail queue processor so that the e-mail checks have data. */
  public static final String EMAIL = "email";

  /**
   * Every journey name, in the order reports list them: the gated paths every baselines file limits
   * ({@link Baselines#REQUIRED_PATHS}, the one list of path names), then {@link #EMAIL}.
   */
  public static final List<String> ALL =
      Stream.concat(Baselines.REQUIRED_PATHS.stream(), Stream.of(EMAIL)).toList();

  private Journeys() {}
}
