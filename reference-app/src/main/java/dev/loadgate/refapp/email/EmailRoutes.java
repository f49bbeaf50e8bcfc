package dev.loadgate.refapp.email;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadgate.refapp.EmailProvider;
import dev.loadgate.refapp.auth.Tokens;
import dev.loadgate.refapp.db.Database;
import dev.loadgate.refapp.http.ApiError;
import dev.loadgate.refapp.http.Json;
import dev.loadgate.refapp.http.Router;
import dev.loadgate.targets.Secret;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The e-mail queue processor: claims a batch of due mail with {@code FOR UPDATE SKIP LOCKED}, sends
 * it in parallel to the provider stand-in, marks each sent (possibly bounced) or failed with
 * exponential backoff ({@code next_retry_at = now + 2^attempts × backoff unit}), and reports the
 * batch's timing.
 */
public final class EmailRoutes {
  /** The largest batch one call may claim. */
  public static final int MAX_BATCH = 50;

  private final Database db;
  private final Secret cronSecret;
  private final EmailProvider provider;
  private final ExecutorService senders;
  private final SplittableRandom random;

  public EmailRoutes(
      Database db, Secret cronSecret, EmailProvider provider, ExecutorService senders, long seed) {
    this.db = db;
    this.cronSecret = cronSecret;
    this.provider = provider;
    this.senders = senders;
    this.random = new SplittableRandom(seed);
  }

  public void register(Router r) {
    r.post("/api/cron/process-email-queue", "email", null, this::process);
    r.post("/api/email/process-queue", "email", null, this::process);
    r.get("/api/email/process-queue", "email", null, this::stats);
  }

  private void requireCron(Context ctx) {
    String auth = ctx.header("Authorization");
    String given =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).trim()
            : ctx.header("x-cron-secret") != null
                ? ctx.header("x-cron-secret")
                : ctx.queryParam("secret");
    if (!Tokens.constantTimeEquals(cronSecret.reveal(), given)) {
      throw ApiError.plain(401, "Unauthorized");
    }
  }

  private void stats(Context ctx) throws SQLException {
    requireCron(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("runtime", "jvm");
    out.put("stats", counts());
    out.put("timestamp", Instant.now().toString());
    Json.send(ctx, 200, out);
  }

  private Map<String, Object> counts() throws SQLException {
    return db.withConnection(
        c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          for (String s : List.of("pending", "processing", "sent", "failed")) {
            m.put(s, 0L);
          }
          try (PreparedStatement ps =
                  c.prepareStatement("select status, count(*) from email_queue group by status");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              m.put(rs.getString(1), rs.getLong(2));
            }
          }
          return m;
        });
  }

  /** One claimed row. */
  private record Mail(UUID id, String to, int attempts, int maxRetries) {}

  /** One send's outcome. */
  private record Sent(Mail mail, boolean ok, boolean bounced, long millis, String error) {}

  private void process(Context ctx) throws Exception {
    requireCron(ctx);
    int batchSize = batchSize(ctx);
    long start = System.nanoTime();
    List<Mail> batch = claim(batchSize);
    if (batch.isEmpty()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("success", true);
      out.put("message", "No pending emails");
      out.put("processed", 0);
      out.put("duration", (System.nanoTime() - start) / 1_000_000);
      Json.send(ctx, 200, out);
      return;
    }
    List<CompletableFuture<Sent>> futures = new ArrayList<>();
    for (Mail m : batch) {
      futures.add(CompletableFuture.supplyAsync(() -> send(m), senders));
    }
    List<Sent> results = new ArrayList<>();
    for (CompletableFuture<Sent> f : futures) {
      results.add(f.join());
    }
    mark(results);
    int sent = (int) results.stream().filter(Sent::ok).count();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Sent s : results) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", s.mail().id().toString());
      item.put("success", s.ok());
      if (s.error() != null) {
        item.put("error", s.error());
      }
      if (s.bounced()) {
        item.put("bounced", true);
      }
      items.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("processed", results.size());
    out.put("sent", sent);
    out.put("failed", results.size() - sent);
    out.put("results", items);
    out.put("duration", (System.nanoTime() - start) / 1_000_000);
    out.put("batchSize", batchSize);
    out.put("timestamp", Instant.now().toString());
    out.put("runtime", "jvm");
    Json.send(ctx, 200, out);
  }

  private int batchSize(Context ctx) {
    byte[] raw = Json.rawBody(ctx);
    if (raw.length == 0) {
      return 10;
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw ApiError.of(400, "BAD_REQUEST", "Invalid JSON in request body");
    }
    if (body == null || !body.isObject()) {
      throw ApiError.of(400, "BAD_REQUEST", "Request body must be a JSON object");
    }
    JsonNode size = body.get("batchSize");
    if (size == null || size.isNull()) {
      return 10;
    }
    if (!size.isInt() || size.asInt() < 1 || size.asInt() > MAX_BATCH) {
      throw ApiError.validation(
          "batchSize must be an integer from 1 to " + MAX_BATCH + " (got " + size + ")");
    }
    return size.asInt();
  }

  private List<Mail> claim(int batchSize) throws SQLException {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select id, recipient, attempts, max_retries from claim_pending_emails(?)")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
              List<Mail> out = new ArrayList<>();
              while (rs.next()) {
                out.add(
                    new Mail(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getInt(4)));
              }
              return out;
            }
          }
        });
  }

  private Sent send(Mail m) {
    long start = System.nanoTime();
    double failDraw;
    double bounceDraw;
    synchronized (random) {
      failDraw = random.nextDouble() * 100;
      bounceDraw = random.nextDouble() * 100;
    }
    try {
      Thread.sleep(provider.latency().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (failDraw < provider.failurePercent()) {
      return new Sent(m, false, false, ms, "Provider error: 503 Service Unavailable");
    }
    return new Sent(m, true, bounceDraw < provider.bouncePercent(), ms, null);
  }

  private void mark(List<Sent> results) throws SQLException {
    db.inTransaction(
        c -> {
          try (PreparedStatement ok =
                  c.prepareStatement(
                      "update email_queue set status = 'sent', sent_at = now(), updated_at = now(),"
                          + " attempts = attempts + 1, provider = 'stand-in', provider_ms = ?,"
                          + " bounced_at = case when ? then now() end, error = null where id = ?");
              PreparedStatement failed =
                  c.prepareStatement(
                      "update email_queue set attempts = attempts + 1, error = ?, updated_at = now(),"
                          + " provider = 'stand-in', provider_ms = ?,"
                          + " status = case when attempts + 1 >= max_retries then 'failed'"
                          + " else 'pending' end,"
                          + " next_retry_at = case when attempts + 1 >= max_retries then null"
                          + " else now() + power(2, attempts + 1) * ? * interval '1 millisecond' end"
                          + " where id = ?")) {
            for (Sent s : results) {
              if (s.ok()) {
                ok.setInt(1, (int) s.millis());
                ok.setBoolean(2, s.bounced());
                ok.setObject(3, s.mail().id());
                ok.addBatch();
              } else {
                failed.setString(1, s.error());
                failed.setInt(2, (int) s.millis());
                failed.setLong(3, provider.retryBackoffUnit().toMillis());
                failed.setObject(4, s.mail().id());
                failed.addBatch();
              }
            }
            ok.executeBatch();
            failed.executeBatch();
          }
          return null;
        });
  }
}
