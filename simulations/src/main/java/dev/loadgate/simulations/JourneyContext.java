package dev.loadgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.simulations.Suite.ClientBehaviour;
import dev.loadgate.simulations.accounts.AccountPool;
import dev.loadgate.simulations.accounts.AccountPools;
import dev.loadgate.simulations.http.TargetHttp;
import dev.loadgate.simulations.http.TokenStore;
import dev.loadgate.simulations.recording.Instrument;
import dev.loadgate.targets.Account;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * What every journey shares in one run: the target's HTTP side, the instrument, the signed-in
 * sessions, the account pools and the client's behaviour. Also the steps several journeys reuse:
 * taking an account, signing in, and authenticating a request the way the real client does.
 *
 * @param targetHttp the target's URLs and protocol
 * @param instrument records every request and journey
 * @param tokens the Supabase sessions obtained so far
 * @param pools the accounts, split between journeys
 * @param client how the simulated browser behaves
 */
public record JourneyContext(
    TargetHttp targetHttp,
    Instrument instrument,
    TokenStore tokens,
    AccountPools pools,
    ClientBehaviour client) {

  /** The session attribute holding the virtual user's account e-mail. */
  public static final String ACCOUNT = "loadgate_account";

  private static final String LEASED = "loadgate_leased";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stable name of the password grant, shared by every journey that signs in. */
  public static final String SIGN_IN = "POST /auth/v1/token?grant_type=password";

  /** Hands the virtual user an account from {@code pool} (checked non-empty before the run). */
  public ChainBuilder takeAccount(AccountPool pool) {
    return exec(
        session -> {
          AccountPool.Lease lease = pool.take().orElseThrow();
          return session.set(ACCOUNT, lease.account().email()).set(LEASED, lease.leased());
        });
  }

  /** Gives a leased account back at the end of the virtual user. */
  public ChainBuilder releaseAccount(AccountPool pool) {
    return exec(
        session -> {
          if (session.contains(LEASED) && session.getBoolean(LEASED)) {
            pool.release(session.getString(ACCOUNT));
          }
          return session;
        });
  }

  /**
   * Signs the account in unless a fresh session for it is held already: a real user stays signed in
   * for an hour and does not sign in before every download. Recorded as a request (outside any
   * journey group) when it happens.
   */
  public ChainBuilder signInShared(AccountPool pool) {
    Function<Session, String> key = JourneyContext::accountKey;
    return doIf(session -> !tokens.hasFresh(key.apply(session))).then(signIn(pool, key));
  }

  /** The password grant, storing the session under {@code key}; checks the session's shape. */
  public ChainBuilder signIn(AccountPool pool, Function<Session, String> key) {
    HttpRequestActionBuilder request =
        supabase(http(SIGN_IN).post(targetHttp.auth("/auth/v1/token?grant_type=password")))
            .body(StringBody(session -> credentialsJson(pool, session)))
            .asJson()
            .check(
                bodyString()
                    .transformWithSession((body, session) -> tokens.store(key.apply(session), body))
                    .is(true));
    return instrument.request(SIGN_IN, request, 200);
  }

  /** Adds the {@code apikey} header a Supabase endpoint wants (none for the reference app). */
  public HttpRequestActionBuilder supabase(HttpRequestActionBuilder request) {
    return targetHttp.sendsAnonKey()
        ? request.header("apikey", session -> targetHttp.anonKey())
        : request;
  }

  /** Authenticates a Supabase request as the signed-in account: {@code Authorization: Bearer}. */
  public HttpRequestActionBuilder bearer(
      HttpRequestActionBuilder request, Function<Session, String> key) {
    return supabase(request).header("Authorization", session -> tokens.bearer(key.apply(session)));
  }

  /** Authenticates an app API request as the browser does: the Supabase session cookie. */
  public HttpRequestActionBuilder sessionCookie(HttpRequestActionBuilder request) {
    String name = targetHttp.sessionCookieName();
    return request.header(
        "Cookie", session -> name + "=" + tokens.cookieValue(accountKey(session)));
  }

  /** The account the virtual user holds. */
  public Account account(AccountPool pool, Session session) {
    return pool.byEmail(session.getString(ACCOUNT)).orElseThrow();
  }

  /** The shared token key of the virtual user's account. */
  public static String accountKey(Session session) {
    return session.getString(ACCOUNT);
  }

  /** A JSON body; values are written as given, maps keep their order. */
  public static String json(Map<String, ?> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String credentialsJson(AccountPool pool, Session session) {
    Account account = account(pool, session);
    return json(Map.of("email", account.email(), "password", account.password().reveal()));
  }
}
