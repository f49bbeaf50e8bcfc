package dev.loadgate.simulations.admin;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin portal: login with e-mail, password and portal key (the server answers with the {@code
 * admin_session} cookie, which Gatling's cookie jar keeps for the virtual user), then what the
 * dashboard page loads: the analytics and the review queue.
 */
public final class AdminDashboardJourney implements Journey {
  public static final String LOGIN = "POST /api/admin-auth/login";
  public static final String ANALYTICS = "GET /api/admin/analytics";
  public static final String REVIEW_QUEUE = "GET /api/admin/letters";

  @Override
  public String name() {
    return Journeys.ADMIN_DASHBOARD;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    List<String> unmet = new ArrayList<>();
    if (context.pools().admin().isEmpty()) {
      unmet.add(
          "admin_dashboard: no admin account is configured (expected one, got none). Provide the"
              + " admin's e-mail and password.");
    }
    if (context.targetHttp().target().adminPortalKey().isEmpty()) {
      unmet.add(
          "admin_dashboard: no portal key is configured (expected ADMIN_PORTAL_KEY, got"
              + " nothing). Set ADMIN_PORTAL_KEY for the target.");
    }
    return unmet;
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    Account admin = context.pools().admin().orElseThrow();
    Secret portalKey = context.targetHttp().target().adminPortalKey().orElseThrow();
    var instrument = context.instrument();
    ChainBuilder page =
        instrument
            .request(
                LOGIN,
                http(LOGIN)
                    .post("/api/admin-auth/login")
                    .body(StringBody(session -> loginJson(admin, portalKey)))
                    .asJson()
                    .check(
                        jsonPath("$.success").ofBoolean().is(true),
                        jsonPath("$.redirectUrl").exists()),
                200)
            .exec(
                instrument.request(
                    ANALYTICS,
                    http(ANALYTICS)
                        .get("/api/admin/analytics?days=30&months=12")
                        .check(
                            jsonPath("$.success").ofBoolean().is(true),
                            jsonPath("$.data.dashboard").exists(),
                            jsonPath("$.data.letters").exists()),
                    200))
            .exec(
                instrument.request(
                    REVIEW_QUEUE,
                    http(REVIEW_QUEUE)
                        .get("/api/admin/letters?status=pending_review&limit=100&offset=0")
                        .check(
                            jsonPath("$.success").ofBoolean().is(true),
                            jsonPath("$.letters").exists(),
                            jsonPath("$.pagination.total").ofInt().gte(0)),
                    200));
    return instrument.journey(Journeys.ADMIN_DASHBOARD, page);
  }

  private static String loginJson(Account admin, Secret portalKey) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("email", admin.email());
    body.put("password", admin.password().reveal());
    body.put("portalKey", portalKey.reveal());
    return JourneyContext.json(body);
  }
}
