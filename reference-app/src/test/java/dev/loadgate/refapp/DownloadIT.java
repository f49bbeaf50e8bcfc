package dev.loadgate.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.targets.Account;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DownloadIT {
  static RunningReferenceApp app;
  static Account owner;
  static Account other;

  @BeforeAll
  static void start() {
    app = SharedApp.get();
    owner = app.targetProfile().accounts("subscriber").get(4);
    other = app.targetProfile().accounts("subscriber").get(5);
  }

  @Test
  void ownerDownloadsARealPdf() {
    Client c = Client.signedIn(app.baseUrl(), owner.email(), owner.password().reveal());
    Client.Response r = c.get("/api/letters/" + owner.approvedLetterIds().get(0) + "/pdf");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/pdf");
    assertThat(r.header("Content-Disposition")).startsWith("inline; filename=\"");
    assertThat(r.raw().body()).hasSizeGreaterThan(1000);
    assertThat(new String(r.raw().body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
  }

  @Test
  void anotherUsersLetterIsForbidden() {
    Client c = Client.signedIn(app.baseUrl(), other.email(), other.password().reveal());
    Client.Response r = c.get("/api/letters/" + owner.approvedLetterIds().get(0) + "/pdf");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText()).isEqualTo("Access denied");
  }

  @Test
  void letterNotYetApprovedIsForbidden() {
    Client c = Client.signedIn(app.baseUrl(), owner.email(), owner.password().reveal());
    String pending =
        c.post("/api/generate-letter", Client.letterRequest()).json().path("letterId").asText();
    Client.Response r = c.get("/api/letters/" + pending + "/pdf");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText())
        .isEqualTo("Only approved or completed letters can be downloaded as PDF");
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    Client c = Client.signedIn(app.baseUrl(), owner.email(), owner.password().reveal());
    Client.Response unknown = c.get("/api/letters/" + UUID.randomUUID() + "/pdf");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("code").asText()).isEqualTo("NOT_FOUND");
    Client.Response malformed = c.get("/api/letters/not-a-uuid/pdf");
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(malformed.json().path("error").asText()).isEqualTo("Letter not found");
  }

  @Test
  void anonymousDownloadIsUnauthorized() {
    Client.Response r =
        new Client(app.baseUrl()).get("/api/letters/" + owner.approvedLetterIds().get(0) + "/pdf");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("error").asText()).isEqualTo("Authentication required");
  }
}
