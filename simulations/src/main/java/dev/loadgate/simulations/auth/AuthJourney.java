package dev.loadgate.simulations.auth;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Subscriber sign-in: the password grant, the session check supabase-js makes, and now and then a
 * refresh-token exchange. Each virtual user holds its own session, since refresh tokens are
 * single-use.
 */
public final class AuthJourney implements Journey {
  public static final String USER = "GET /auth/v1/user";
  public static final String REFRESH = "POST /auth/v1/token?grant_type=refresh_token";

  @Override
  public String name() {
    return Journeys.AUTH;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    return context.pools().signIn().isEmpty()
        ? List.of(
            "auth: the target has no subscriber accounts (expected at least 1, got 0). Seed the"
                + " target, or name an accounts file (loadgate run --accounts FILE,"
                + " LOADGATE_ACCOUNTS_FILE for Maven; format in docs/safety.md).")
        : List.of();
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    ChainBuilder journey =
        context
            .signIn(context.pools().signIn(), AuthJourney::privateKey)
            .exec(sessionCheck(context))
            .exec(
                doIf(session -> ThreadLocalRandom.current().nextDouble() < refreshShare(context))
                    .then(refresh(context)));
    return context
        .takeAccount(context.pools().signIn())
        .exec(context.instrument().journey(Journeys.AUTH, journey))
        .exec(
            session -> {
              context.tokens().forget(privateKey(session));
              return session;
            });
  }

  private static ChainBuilder sessionCheck(JourneyContext context) {
    return context
        .instrument()
        .request(
            USER,
            context
                .bearer(
                    http(USER).get(context.targetHttp().auth("/auth/v1/user")),
                    AuthJourney::privateKey)
                .check(
                    jsonPath("$.id")
                        .is(session -> context.tokens().userId(privateKey(session)).orElse("")),
                    jsonPath("$.email").is(session -> session.getString(JourneyContext.ACCOUNT))),
            200);
  }

  private static ChainBuilder refresh(JourneyContext context) {
    return exec(
        context
            .instrument()
            .request(
                REFRESH,
                context
                    .supabase(
                        http(REFRESH)
                            .post(
                                context
                                    .targetHttp()
                                    .auth("/auth/v1/token?grant_type=refresh_token")))
                    .body(
                        StringBody(
                            session ->
                                JourneyContext.json(
                                    Map.of(
                                        "refresh_token",
                                        context.tokens().refreshToken(privateKey(session))))))
                    .asJson()
                    .check(
                        bodyString()
                            .transformWithSession(
                                (body, session) ->
                                    context.tokens().store(privateKey(session), body))
                            .is(true)),
                200));
  }

  private static double refreshShare(JourneyContext context) {
    return context.client().refreshShare();
  }

  /** The virtual user's own session key. */
  static String privateKey(Session session) {
    return "auth#" + session.userId();
  }
}
