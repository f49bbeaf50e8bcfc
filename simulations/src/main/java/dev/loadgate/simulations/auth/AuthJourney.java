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
 * Subscriber sign-in: the password grant, the session check supabase-js makes, the middleware's
 * profile read through PostgREST ({@code .single()}: one object, {@code Accept:
 * application/vnd.pgrst.object+json}), now and then a refresh-token exchange, and the sign-out when
 * the user leaves. Each virtual user holds its own session; the sign-out is {@code scope=local}, so
 * that other virtual users' sessions of the same account survive it.
 */
public final class AuthJourney implements Journey {
  public static final String USER = "GET /auth/v1/user";
  public static final String REFRESH = "POST /auth/v1/token?grant_type=refresh_token";
  public static final String PROFILE = "GET /rest/v1/profiles";
  public static final String SIGN_OUT = "POST /auth/v1/logout";

  /** What {@code .single()} asks PostgREST for: one object instead of an array. */
  static final String OBJECT = "application/vnd.pgrst.object+json";

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
            .exec(profileRead(context))
            .exec(
                doIf(session -> ThreadLocalRandom.current().nextDouble() < refreshShare(context))
                    .then(refresh(context)))
            .exec(signOut(context));
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

  /** The middleware's {@code profiles.role} read, as {@code .single()} makes it. */
  private static ChainBuilder profileRead(JourneyContext context) {
    return context
        .instrument()
        .request(
            PROFILE,
            context
                .bearer(
                    http(PROFILE)
                        .get(
                            session ->
                                context
                                    .targetHttp()
                                    .auth(
                                        "/rest/v1/profiles?select=role&id=eq."
                                            + context
                                                .tokens()
                                                .userId(privateKey(session))
                                                .orElse(""))),
                    AuthJourney::privateKey)
                .header("Accept", OBJECT)
                .check(jsonPath("$.role").ofString().exists()),
            200);
  }

  /** {@code supabase.auth.signOut({ scope: 'local' })}: 204, the session's tokens revoked. */
  private static ChainBuilder signOut(JourneyContext context) {
    return context
        .instrument()
        .request(
            SIGN_OUT,
            context.bearer(
                http(SIGN_OUT).post(context.targetHttp().auth("/auth/v1/logout?scope=local")),
                AuthJourney::privateKey),
            204);
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
