package dev.loadgate.refapp;

import dev.loadgate.target.TargetProfile;
import io.javalin.Javalin;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts the reference app: a stand-in TTML server on PostgreSQL. */
public final class ReferenceApp {
  private ReferenceApp() {}

  /** Starts the database (embedded unless {@code databaseUrl}), migrates, seeds, starts HTTP. */
  public static RunningReferenceApp start(ReferenceAppSettings settings) {
    List<FaultSpec> faults = new CopyOnWriteArrayList<>(settings.faults());
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get(
                  "/api/health", ctx -> ctx.json(java.util.Map.of("status", "healthy")));
            });
    app.start(settings.host(), settings.port());
    URI base = URI.create("http://" + settings.host() + ":" + app.port());
    TargetProfile profile =
        new TargetProfile(
            base,
            base,
            null,
            Optional.empty(),
            Optional.of(settings.secrets().adminPortalKey()),
            Optional.of(settings.secrets().stripeWebhookSecret()),
            Optional.empty(),
            Optional.of(settings.secrets().cronSecret()),
            Optional.empty(),
            List.of());
    FaultControl control =
        new FaultControl() {
          @Override
          public List<FaultSpec> current() {
            return List.copyOf(faults);
          }

          @Override
          public void set(List<FaultSpec> next) {
            faults.clear();
            faults.addAll(next);
          }
        };
    return new RunningReferenceApp() {
      @Override
      public URI baseUrl() {
        return base;
      }

      @Override
      public TargetProfile targetProfile() {
        return profile;
      }

      @Override
      public FaultControl faults() {
        return control;
      }

      @Override
      public void close() {
        app.stop();
      }
    };
  }

  /** Starts the app with default settings and prints its base URL. */
  public static void main(String[] args) {
    RunningReferenceApp running = start(ReferenceAppSettings.defaults());
    System.out.println(running.baseUrl());
  }
}
