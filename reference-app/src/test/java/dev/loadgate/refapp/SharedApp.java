package dev.loadgate.refapp;

/**
 * One reference app (embedded PostgreSQL, fast AI, real rate limits) shared by every integration
 * test in this JVM, so that the suite starts PostgreSQL once. Tests send a fresh {@code
 * X-Forwarded-For} per client, so the per-IP limits do not couple them.
 */
final class SharedApp {
  private static RunningReferenceApp app;

  private SharedApp() {}

  static synchronized RunningReferenceApp get() {
    if (app == null) {
      app =
          ReferenceApp.start(
              ReferenceAppSettings.defaults()
                  .withSecrets(AppSecrets.generated())
                  .withEmailProvider(
                      new EmailProvider(
                          java.time.Duration.ofMillis(5), 0, 0, java.time.Duration.ofMillis(1))));
      Client.useAnonKey(app);
      RunningReferenceApp started = app;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return app;
  }
}
