package dev.loadgate.simulations.download;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadgate.simulations.Journey;
import dev.loadgate.simulations.JourneyContext;
import dev.loadgate.simulations.Journeys;
import dev.loadgate.simulations.accounts.AccountPool;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A signed-in subscriber opens the PDF of one of their approved letters, as the letter page's
 * download link does. The answer must be {@code application/pdf} and start with {@code %PDF}.
 */
public final class DownloadJourney implements Journey {
  public static final String PDF = "GET /api/letters/{id}/pdf";
  private static final String LETTER_ID = "loadgate_downloadLetterId";

  @Override
  public String name() {
    return Journeys.DOWNLOAD;
  }

  @Override
  public List<String> unmetRequirements(JourneyContext context) {
    return context.pools().readers().isEmpty()
        ? List.of(
            "download: no subscriber has an approved letter (expected at least 1 account with"
                + " approvedLetterIds, got 0). Seed approved letters on the target.")
        : List.of();
  }

  @Override
  public ChainBuilder chain(JourneyContext context) {
    AccountPool readers = context.pools().readers();
    ChainBuilder download =
        context
            .instrument()
            .request(
                PDF,
                context
                    .sessionCookie(http(PDF).get("/api/letters/#{" + LETTER_ID + "}/pdf"))
                    .header("Accept", "application/pdf")
                    .check(
                        header("Content-Type")
                            .transform(DownloadJourney::isPdfContentType)
                            .is(true),
                        bodyBytes().transform(DownloadJourney::hasPdfMagic).is(true)),
                200);
    return context
        .takeAccount(readers)
        .exec(context.signInShared(readers))
        .exec(
            session -> {
              List<String> ids = context.account(readers, session).approvedLetterIds();
              return session.set(
                  LETTER_ID, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
            })
        .exec(context.instrument().journey(Journeys.DOWNLOAD, exec(download)));
  }

  static boolean isPdfContentType(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/pdf");
  }

  static boolean hasPdfMagic(byte[] body) {
    return body != null
        && body.length >= 4
        && body[0] == '%'
        && body[1] == 'P'
        && body[2] == 'D'
        && body[3] == 'F';
  }
}
