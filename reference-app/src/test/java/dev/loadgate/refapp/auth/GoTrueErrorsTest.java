package dev.loadgate.refapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoTrueErrorsTest {
  @Test
  void datesFrom2024OnSelectTheCurrentShape() {
    assertThat(GoTrueErrors.dated("2024-01-01")).isTrue();
    assertThat(GoTrueErrors.dated("2025-06-30")).isTrue();
  }

  @Test
  void absentEarlierOrMalformedVersionsKeepTheInitialShape() {
    assertThat(GoTrueErrors.dated(null)).isFalse();
    assertThat(GoTrueErrors.dated("")).isFalse();
    assertThat(GoTrueErrors.dated("2023-12-31")).isFalse();
    assertThat(GoTrueErrors.dated("Not a date")).isFalse();
  }

  @Test
  void theInitialShapeCarriesStatusErrorCodeAndMsg() {
    assertThat(GoTrueErrors.error(400, "invalid_credentials", "Invalid login credentials").body())
        .containsExactly(
            java.util.Map.entry("code", 400),
            java.util.Map.entry("error_code", "invalid_credentials"),
            java.util.Map.entry("msg", "Invalid login credentials"));
  }

  @Test
  void logoutScopesAreGlobalByDefaultAndOnlyTheThreeNames() {
    assertThat(LogoutScope.parse(null)).contains(LogoutScope.GLOBAL);
    assertThat(LogoutScope.parse("local")).contains(LogoutScope.LOCAL);
    assertThat(LogoutScope.parse("others")).contains(LogoutScope.OTHERS);
    assertThat(LogoutScope.parse("GLOBAL")).isEmpty();
    assertThat(LogoutScope.parse("everyone")).isEmpty();
  }

  @Test
  void onlyTheObjectMediaTypeAsksForOneObject() {
    assertThat(RestRoutes.wantsObject("application/vnd.pgrst.object+json")).isTrue();
    assertThat(RestRoutes.wantsObject("application/vnd.pgrst.object+json;nulls=stripped")).isTrue();
    assertThat(RestRoutes.wantsObject("application/json")).isFalse();
    assertThat(RestRoutes.wantsObject(null)).isFalse();
  }
}
