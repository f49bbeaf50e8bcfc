package dev.loadgate.simulations;

import dev.loadgate.simulations.admin.AdminDashboardJourney;
import dev.loadgate.simulations.auth.AuthJourney;
import dev.loadgate.simulations.download.DownloadJourney;
import dev.loadgate.simulations.email.EmailJourney;
import dev.loadgate.simulations.lettergeneration.LetterGenerationJourney;
import dev.loadgate.simulations.payment.PaymentJourney;
import java.util.Map;
import java.util.function.Supplier;

/** The one place that maps a journey name to its implementation. Add a journey here. */
public final class JourneyCatalog {
  private static final Map<String, Supplier<Journey>> JOURNEYS =
      Map.of(
          Journeys.AUTH, AuthJourney::new,
          Journeys.LETTER_GENERATION, LetterGenerationJourney::new,
          Journeys.PAYMENT, PaymentJourney::new,
          Journeys.DOWNLOAD, DownloadJourney::new,
          Journeys.ADMIN_DASHBOARD, AdminDashboardJourney::new,
          Journeys.EMAIL, EmailJourney::new);

  private JourneyCatalog() {}

  /** A new instance of the journey of that name (one of {@link Journeys#ALL}). */
  public static Journey create(String name) {
    Supplier<Journey> journey = JOURNEYS.get(name);
    if (journey == null) {
      throw new IllegalArgumentException(
          "unknown journey \"" + name + "\" (expected one of " + Journeys.ALL + ")");
    }
    return journey.get();
  }
}
