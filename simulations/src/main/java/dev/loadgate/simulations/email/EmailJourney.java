package dev.loadgate.simulations.email;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.targets.Secret;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;

/**
 * The e-mail queue processor, called as the scheduler calls it ({@code Authorization: Bearer
 * <CRON_SECRET>}); one request processes one batch, so the request series' maximum is the batch
 * time. Gives the e-mail checks their data.
 */
public final class EmailJourney implements Journey {
  public static final String PROCESS_QUEUE = "POST /api/cron/process-email-queue";

  @Override
  public String name() {
    return Journeys.EMAIL;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    return context.targetHttp().target().cronSecret().isEmpty()
        ? List.of(
            "email: no cron secret is configured (expected CRON_SECRET, got nothing). Set"
                + " CRON_SECRET for the target or drop the email journey from the suite.")
        : List.of();
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    Secret cron = context.targetHttp().target().cronSecret().orElseThrow();
    return context
        .instrument()
        .journey(
            Journeys.EMAIL,
            context
                .instrument()
                .request(
                    PROCESS_QUEUE,
                    http(PROCESS_QUEUE)
                        .post("/api/cron/process-email-queue")
                        .header("Authorization", session -> "Bearer " + cron.reveal())
                        .body(StringBody("{}"))
                        .asJson()
                        .check(
                            jsonPath("$.success").ofBoolean().is(true),
                            jsonPath("$.processed").ofInt().gte(0)),
                    200));
  }
}
