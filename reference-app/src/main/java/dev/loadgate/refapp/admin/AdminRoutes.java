package dev.loadgate.refapp.admin;

import dev.loadgate.refapp.auth.Sessions;
import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.targets.Secret;

/**
 * The admin portal's routes, by responsibility: login, session and CSRF ({@link AdminAuth}),
 * dashboard analytics ({@link AnalyticsRoutes}) and the review queue ({@link ReviewRoutes}, whose
 * state machine is {@link ReviewWorkflow} and whose owner e-mail is {@link ReviewMail}).
 */
public final class AdminRoutes {
  private final AdminAuth auth;
  private final AnalyticsRoutes analytics;
  private final ReviewRoutes review;

  public AdminRoutes(Database db, Sessions sessions, Tokens tokens, Csrf csrf, Secret portalKey) {
    this.auth = new AdminAuth(db, sessions, tokens, csrf, portalKey);
    this.analytics = new AnalyticsRoutes(db, auth);
    this.review = new ReviewRoutes(db, auth);
  }

  public void register(Router r) {
    auth.register(r);
    analytics.register(r);
    review.register(r);
  }
}
