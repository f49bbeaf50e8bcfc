package dev.loadgate.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockAssignmentTest {
  @Test
  void everyBlockOfTwoSendsOneArrivalToEachSide() {
    BlockAssignment assignment = new BlockAssignment(7, "auth/MEASURE");
    for (long block = 0; block < 10_000; block++) {
      assertThat(assignment.toCandidate(2 * block))
          .isNotEqualTo(assignment.toCandidate(2 * block + 1));
    }
  }

  @Test
  void theOrderWithinBlocksIsACoinNotAPattern() {
    BlockAssignment assignment = new BlockAssignment(7, "auth/MEASURE");
    int candidateFirst = 0;
    int sameAsPrevious = 0;
    boolean previous = false;
    for (long block = 0; block < 10_000; block++) {
      boolean first = assignment.toCandidate(2 * block);
      candidateFirst += first ? 1 : 0;
      sameAsPrevious += block > 0 && first == previous ? 1 : 0;
      previous = first;
    }
    // Binomial(10 000, ½): ±4 standard deviations is ±200.
    assertThat(candidateFirst).isBetween(4_800, 5_200);
    assertThat(sameAsPrevious).isBetween(4_800, 5_200);
  }

  @Test
  void theSameSeedAndStreamGiveTheSameSidesAndOthersDiffer() {
    BlockAssignment a = new BlockAssignment(7, "auth/MEASURE");
    BlockAssignment again = new BlockAssignment(7, "auth/MEASURE");
    BlockAssignment otherSeed = new BlockAssignment(8, "auth/MEASURE");
    BlockAssignment otherStream = new BlockAssignment(7, "download/MEASURE");
    int differSeed = 0;
    int differStream = 0;
    for (long k = 0; k < 1_000; k++) {
      assertThat(again.toCandidate(k)).isEqualTo(a.toCandidate(k));
      differSeed += otherSeed.toCandidate(k) != a.toCandidate(k) ? 1 : 0;
      differStream += otherStream.toCandidate(k) != a.toCandidate(k) ? 1 : 0;
    }
    assertThat(differSeed).isBetween(350, 650);
    assertThat(differStream).isBetween(350, 650);
  }

  @Test
  void aNegativeIndexIsRefused() {
    assertThatThrownBy(() -> new BlockAssignment(1, "x").toCandidate(-1))
        .hasMessage("arrival index must not be negative (got -1)");
  }
}
