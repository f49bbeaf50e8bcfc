package dev.loadgate.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;

/** One user journey: a Gatling group named like its path, and what it needs from the target. */
public interface Journey {
  /** The journey's name, a path name from {@link Journeys#ALL}, also its Gatling group name. */
  String name();

  /**
   * What the target lacks for this journey to run (accounts, secrets), or refuses (a live Stripe
   * key); each a complete message in the house error format. Empty when the journey can run.
   */
  List<String> unmetRequirements(JourneyContext context);

  /** The whole virtual user: account, sign-in where needed, then the recorded journey. */
  ChainBuilder chain(JourneyContext context);
}
