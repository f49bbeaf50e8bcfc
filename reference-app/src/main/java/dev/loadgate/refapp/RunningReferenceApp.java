package dev.loadgate.refapp;

import dev.loadgate.targets.TargetProfile;
import java.net.URI;

/** A started reference app: HTTP server plus its database. Closing stops both. */
public interface RunningReferenceApp extends AutoCloseable {

  /** The base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
  URI baseUrl();

  /**
   * What a client needs to drive this app: app and auth URL (both {@link #baseUrl()}), the seeded
   * synthetic accounts with their passwords, coupons and approved letters, the admin account, the
   * portal key, the webhook secret, the cron secret and the JDBC URL (credentials included).
   */
  TargetProfile targetProfile();

  /** Changes the injected faults while the app runs. */
  FaultControl faults();

  /** Stops HTTP, then the embedded database (if the app started one). Never throws. */
  @Override
  void close();
}
