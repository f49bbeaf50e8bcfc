package dev.loadgate.simulations.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provisions synthetic subscribers through the target's own sign-up API, as the browser does
 * ({@code POST <auth URL>/auth/v1/signup}), before load starts: for targets without a seeder or an
 * accounts file. Each gets an address {@code loadgate-<tag>-<n>@loadgate.test} (so that {@code
 * loadgate cleanup} finds it) and a random password; a new subscriber's first letter is free.
 */
public final class AccountProvisioner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private AccountProvisioner() {}

  /** The target with {@code count} freshly signed-up subscribers added to its accounts. */
  public static TargetProfile withSignedUpSubscribers(
      TargetProfile target, int count, String runTag) {
    List<Account> accounts = new ArrayList<>(target.accounts());
    accounts.addAll(signUpSubscribers(target, count, runTag));
    return new TargetProfile(
        target.appUrl(),
        target.authUrl(),
        target.supabaseAnonKey(),
        target.admin(),
        target.adminPortalKey(),
        target.stripeWebhookSecret(),
        target.stripeSecretKey(),
        target.cronSecret(),
        target.databaseUrl(),
        accounts);
  }

  /**
   * Signs up {@code count} subscribers (1 to 10,000).
   *
   * @param runTag letters and digits that make the addresses unique to this run
   * @throws IllegalStateException when a sign-up is refused, with the target's answer
   */
  public static List<Account> signUpSubscribers(TargetProfile target, int count, String runTag) {
    if (count < 1 || count > 10_000) {
      throw new IllegalArgumentException(
          "subscribers to sign up must be 1 to 10000 (got " + count + ")");
    }
    if (!runTag.matches("[a-z0-9]{1,24}")) {
      throw new IllegalArgumentException(
          "run tag must be 1 to 24 lower-case letters or digits (got \"" + runTag + "\")");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI signup = URI.create(stripSlash(target.authUrl().toString()) + "/auth/v1/signup");
    List<Account> accounts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String email = String.format(Locale.ROOT, "loadgate-%s-%04d@loadgate.test", runTag, i);
      Secret password = Secret.of(randomPassword());
      signUp(client, signup, target, email, password);
      accounts.add(new Account(email, password, "subscriber", "", List.of()));
    }
    return List.copyOf(accounts);
  }

  private static void signUp(
      HttpClient client, URI signup, TargetProfile target, String email, Secret password) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password.reveal());
    body.put("data", Map.of("full_name", "Loadgate Synthetic", "role", "subscriber"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(signup)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    if (!target.supabaseAnonKey().isEmpty()) {
      request.header("apikey", target.supabaseAnonKey().reveal());
    }
    HttpResponse<String> response;
    try {
      response =
          client.send(
              request
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          signup + ": cannot sign up synthetic subscribers (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(signup + ": interrupted while signing up subscribers", e);
    }
    if (response.statusCode() != 200 || !hasSession(response.body())) {
      throw new IllegalStateException(
          signup
              + ": signing up "
              + email
              + " was refused (expected 200 with a session, got "
              + response.statusCode()
              + "). If the project confirms e-mail addresses, provide accounts with"
              + " LOADGATE_ACCOUNTS_FILE instead.");
    }
  }

  private static boolean hasSession(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.path("access_token").isTextual();
    } catch (IOException e) {
      return false;
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
