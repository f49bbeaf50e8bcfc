package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.refapp.RateLimits;
import dev.loadgate.refapp.ReferenceApp;
import dev.loadgate.refapp.ReferenceAppSettings;
import dev.loadgate.refapp.RunningReferenceApp;
import dev.loadgate.simulations.accounts.AccountProvisioner;
import dev.loadgate.targets.Account;
import dev.loadgate.targets.TargetProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscribers signed up through the API carry a letter-generation run on their own. */
class AccountProvisionerIT {
  @TempDir Path results;

  @Test
  void signedUpSubscribersGenerateTheirFreeLetterUnderLoad() {
    try (RunningReferenceApp app =
            ReferenceApp.start(
                ReferenceAppSettings.defaults().withRateLimits(RateLimits.disabled()));
        Recording recording = Recording.start()) {
      TargetProfile seeded = app.targetProfile();
      TargetProfile bare =
          TargetProfile.builder(seeded.appUrl())
              .authUrl(seeded.authUrl())
              .supabaseAnonKey(seeded.supabaseAnonKey().reveal())
              .build();
      TargetProfile provisioned = AccountProvisioner.withSignedUpSubscribers(bare, 4, "it1");

      assertThat(provisioned.accounts("subscriber"))
          .extracting(Account::email)
          .containsExactly(
              "loadgate-it1-0001@loadgate.test",
              "loadgate-it1-0002@loadgate.test",
              "loadgate-it1-0003@loadgate.test",
              "loadgate-it1-0004@loadgate.test");
      assertThatThrownBy(() -> AccountProvisioner.signUpSubscribers(bare, 1, "it1"))
          .hasMessageContaining("signing up loadgate-it1-0001@loadgate.test was refused")
          .hasMessageContaining("got 422");

      LoadPlan plan =
          new LoadPlan(
              provisioned,
              ItSuites.withWarmup("letter_generation", Duration.ZERO),
              Optional.of(Duration.ofSeconds(3)),
              1.0,
              results,
              false);
      LoadOutcome outcome = LoadRunner.run(plan, recording);
      Measurements measured = recording.finish();

      assertThat(outcome.completed()).as(outcome.problem()).isTrue();
      Series journeys =
          measured.get(SeriesKey.group(Phase.MEASURE, Journeys.LETTER_GENERATION)).orElseThrow();
      assertThat(journeys.sampleCount()).isEqualTo(3);
      assertThat(measured.series().values())
          .allSatisfy(
              s -> assertThat(s.errorCount()).as(s.key() + " " + s.outcomeCounts()).isZero());
    }
  }
}
