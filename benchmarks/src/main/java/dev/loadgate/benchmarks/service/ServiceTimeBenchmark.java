package dev.loadgate.benchmarks.service;

import dev.loadgate.benchmarks.TargetFile;
import dev.loadgate.targets.Secret;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Single-client service time of each journey endpoint: one thread, one keep-alive connection, one
 * request per invocation, every invocation timed ({@code Mode.SampleTime}). What a request costs
 * the server on an idle target, plus loopback and the client; not latency under load, which the
 * Gatling simulations measure. The target comes from {@link TargetFile} (secrets) and the {@code
 * baseUrl} parameter.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class ServiceTimeBenchmark {
  /** Letters an annual plan grants; one purchase funds this many generations. */
  static final int ANNUAL_PLAN_LETTERS = 48;

  /** The HTTP client and the target's details, one per trial. */
  @State(Scope.Benchmark)
  public static class Target {
    /** The app's base URL, e.g. {@code http://127.0.0.1:41234}. */
    @Param("http://127.0.0.1:8080")
    public String baseUrl;

    TargetFile file;
    TtmlClient client;

    @Setup(Level.Trial)
    public void connect() {
      file = TargetFile.fromSystemProperty();
      URI app = URI.create(baseUrl);
      URI auth = URI.create(file.find("auth.url").orElse(baseUrl));
      client = new TtmlClient(app, auth, Secret.of(file.find("anon.key").orElse("")));
    }

    @TearDown(Level.Trial)
    public void disconnect() {
      client.close();
    }
  }

  /** A subscriber signed in once per trial. */
  @State(Scope.Benchmark)
  public static class Subscriber {
    TtmlClient.Session session;

    @Setup(Level.Trial)
    public void signIn(Target target) {
      session =
          target.client.signIn(
              target.file.get("subscriber.email"), target.file.secret("subscriber.password"));
    }
  }

  /** An admin signed in through the portal once per trial. */
  @State(Scope.Benchmark)
  public static class Admin {
    Secret cookie;

    @Setup(Level.Trial)
    public void signIn(Target target) {
      cookie =
          target.client.adminLogin(
              target.file.get("admin.email"),
              target.file.secret("admin.password"),
              target.file.secret("admin.portal_key"));
    }
  }

  /** Refuses synthetic payments against a target configured with a live Stripe key. */
  static void requireTestPayments(Target target) {
    if (Boolean.parseBoolean(target.file.find("stripe.live").orElse("false"))) {
      throw new IllegalStateException(
          "payment benchmarks: the target uses a live Stripe key (expected sk_test_ or none, got"
              + " sk_live_...). Synthetic payments run only against test-mode targets");
    }
  }

  /** A fresh checkout session before each webhook call, created outside the timed call. */
  @State(Scope.Benchmark)
  public static class PendingCheckout {
    String checkoutSessionId;

    @Setup(Level.Trial)
    public void checkMode(Target target) {
      requireTestPayments(target);
    }

    @Setup(Level.Invocation)
    public void createCheckout(Target target, Subscriber subscriber) {
      checkoutSessionId = target.client.createCheckout(subscriber.session, "annual");
    }
  }

  /**
   * Keeps the subscriber funded: before a generation that would find no credit left, buys an annual
   * plan (checkout and signed webhook) outside the timed call.
   */
  @State(Scope.Benchmark)
  public static class LetterCredits {
    int creditsLeft;

    @Setup(Level.Trial)
    public void checkMode(Target target) {
      requireTestPayments(target);
    }

    @Setup(Level.Invocation)
    public void topUp(Target target, Subscriber subscriber) {
      if (creditsLeft == 0) {
        String checkout = target.client.createCheckout(subscriber.session, "annual");
        target.client.checkoutCompleted(
            target.file.secret("stripe.webhook_secret"),
            checkout,
            subscriber.session.userId(),
            "annual",
            ANNUAL_PLAN_LETTERS);
        creditsLeft = ANNUAL_PLAN_LETTERS;
      }
      creditsLeft--;
    }
  }

  /** auth: {@code POST /auth/v1/token?grant_type=password} (bcrypt check and token issue). */
  @Benchmark
  public byte[] tokenGrant(Target target) {
    return target.client.tokenGrant(
        target.file.get("subscriber.email"), target.file.secret("subscriber.password"));
  }

  /** letter_generation: {@code POST /api/generate-letter} until the draft is written. */
  @Benchmark
  public byte[] generateLetter(Target target, Subscriber subscriber, LetterCredits credits) {
    return target.client.generateLetter(subscriber.session);
  }

  /** payment: {@code POST /api/create-checkout} for an annual plan. */
  @Benchmark
  public String createCheckout(Target target, Subscriber subscriber) {
    requireTestPayments(target);
    return target.client.createCheckout(subscriber.session, "annual");
  }

  /** payment: {@code POST /api/stripe/webhook}, a signed checkout.session.completed. */
  @Benchmark
  public byte[] signedWebhook(Target target, Subscriber subscriber, PendingCheckout checkout) {
    return target.client.checkoutCompleted(
        target.file.secret("stripe.webhook_secret"),
        checkout.checkoutSessionId,
        subscriber.session.userId(),
        "annual",
        ANNUAL_PLAN_LETTERS);
  }

  /** download: {@code GET /api/letters/{id}/pdf} of the subscriber's approved letter. */
  @Benchmark
  public byte[] letterPdf(Target target, Subscriber subscriber) {
    return target.client.letterPdf(subscriber.session, target.file.get("subscriber.letter"));
  }

  /** admin_dashboard: {@code GET /api/admin/analytics?days=30&months=12}. */
  @Benchmark
  public byte[] adminAnalytics(Target target, Admin admin) {
    return target.client.adminAnalytics(admin.cookie);
  }
}
