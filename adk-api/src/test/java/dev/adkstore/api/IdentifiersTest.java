package dev.adkstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @Test
  void idsMayHoldAnyCharacterUpTo128() {
    String odd = "it's; DROP TABLE x; --\u0000😀";
    assertThat(Identifiers.requireId("sessionId", odd)).isSameAs(odd);
    assertThat(Identifiers.requireId("sessionId", "x".repeat(128))).hasSize(128);
  }

  @Test
  void nullBlankAndOverlongIdsNameTheField() {
    assertThatThrownBy(() -> Identifiers.requireId("userId", null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("userId: must not be null");
    assertThatThrownBy(() -> Identifiers.requireId("userId", " \t"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("userId: must not be blank");
    assertThatThrownBy(() -> Identifiers.requireId("appName", "x".repeat(129)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("appName: must have at most 128 characters, has 129");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Sessions", "a b", "x;", "x; DROP TABLE y", "\"q\"", "a-b", "1abc", "select",
        "table"})
  void unsafeSqlIdentifiersAreRejected(String name) {
    assertThatThrownBy(() -> Identifiers.requireSqlIdentifier("tables.sessions", name))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("tables.sessions: '" + name + "' is");
  }

  @Test
  void sixtyFourCharactersIsTooLongForAnIdentifier() {
    assertThat(Identifiers.requireSqlIdentifier("t", "a".repeat(63))).hasSize(63);
    assertThatThrownBy(() -> Identifiers.requireSqlIdentifier("t", "a".repeat(64)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void tableNamesValidateEveryNameAndRejectDuplicates() {
    assertThat(TableNames.DEFAULTS.sessions()).isEqualTo("adk_sessions");
    assertThat(TableNames.withPrefix("t1_").userStates()).isEqualTo("t1_user_states");
    assertThatThrownBy(() -> TableNames.withPrefix("x; DROP TABLE y; "))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("tables.sessions:");
    assertThatThrownBy(() -> new TableNames("a", "a", "b", "c", "d"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("tables: names must be distinct");
  }
}
