package dev.loadgate.simulations.lettergeneration;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.measure.Outcome;
import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.accounts.AccountPool;
import dev.loadgate.simulations.recording.Instrument;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A subscriber asks for a letter and waits until it is ready, as the real client does: {@code POST
 * /api/generate-letter} (which blocks while the AI writes the draft), then the letter's status is
 * read from PostgREST, again every poll interval while it is still {@code generating}. The letter
 * is ready once generation is over ({@code pending_review} or later; an admin's review is not part
 * of this path). A letter that fails, or still generates after the poll timeout, is an error.
 */
public final class LetterGenerationJourney implements Journey {
  public static final String GENERATE = "POST /api/generate-letter";
  public static final String STATUS = "GET /rest/v1/letters";

  private static final String BODY = "loadgate_letterRequest";
  private static final String LETTER_ID = "loadgate_letterId";
  private static final String LETTER_STATUS = "loadgate_letterStatus";
  private static final String POLL_DEADLINE = "loadgate_pollDeadlineNanos";

  @Override
  public String name() {
    return Journeys.LETTER_GENERATION;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    return context.pools().letterWriters().isEmpty()
        ? List.of(
            "letter_generation: the target has no subscriber accounts to write letters (expected"
                + " at least 1, got 0). Seed subscribers with letter credits.")
        : List.of();
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    AccountPool writers = context.pools().letterWriters();
    Instrument instrument = context.instrument();
    long timeoutNanos = context.client().statusPollTimeout().toNanos();
    ChainBuilder generate =
        exec(session ->
                session
                    .set(BODY, JourneyContext.json(IntakeData.next(ThreadLocalRandom.current())))
                    .set(POLL_DEADLINE, System.nanoTime() + timeoutNanos))
            .exec(
                instrument.request(
                    GENERATE,
                    context
                        .sessionCookie(http(GENERATE).post("/api/generate-letter"))
                        .body(StringBody("#{" + BODY + "}"))
                        .asJson()
                        .check(
                            jsonPath("$.success").ofBoolean().is(true),
                            jsonPath("$.letterId").saveAs(LETTER_ID),
                            jsonPath("$.status").in("pending_review", "generating")),
                    200))
            .exec(pollStatus(context))
            .exec(
                asLongAs(session -> Instrument.healthy(session) && stillGenerating(session))
                    .on(
                        doIf(session -> System.nanoTime() - session.getLong(POLL_DEADLINE) >= 0)
                            .then(instrument.abort(Outcome.TIMEOUT))
                            .exec(
                                doIf(Instrument::healthy)
                                    .then(
                                        pause(context.client().statusPollInterval())
                                            .exec(pollStatus(context))))))
            .exec(
                doIf(session -> Instrument.healthy(session) && "failed".equals(status(session)))
                    .then(instrument.abort(Outcome.CHECK_FAILED)));
    return context
        .takeAccount(writers)
        .exec(context.signInShared(writers))
        .exec(instrument.journey(Journeys.LETTER_GENERATION, generate))
        .exec(context.releaseAccount(writers));
  }

  private static ChainBuilder pollStatus(JourneyContext context) {
    return context
        .instrument()
        .request(
            STATUS,
            context
                .bearer(
                    http(STATUS)
                        .get(
                            session ->
                                context
                                    .targetHttp()
                                    .auth(
                                        "/rest/v1/letters?select=status&id=eq."
                                            + session.getString(LETTER_ID))),
                    JourneyContext::accountKey)
                .check(
                    jsonPath("$[0].status")
                        .in(
                            "generating",
                            "pending_review",
                            "under_review",
                            "approved",
                            "completed",
                            "rejected",
                            "failed")
                        .saveAs(LETTER_STATUS)),
            200);
  }

  private static boolean stillGenerating(Session session) {
    return "generating".equals(status(session));
  }

  private static String status(Session session) {
    return session.getString(LETTER_STATUS);
  }
}
