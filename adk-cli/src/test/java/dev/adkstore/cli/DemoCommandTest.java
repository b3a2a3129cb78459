package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.SessionKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void theConversationAndStateSurviveASecondRunner() {
    Path db = dir.resolve("demo.db");

    Cli.Result result = Cli.run("demo", "--url", TestStores.url(db));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("session adk-store-demo/alice/chat-1")
        .contains("alice     > Hi! My favourite colour is blue.")
        .contains("assistant > calls remember_color({\"color\":\"blue\"})")
        .contains("(state change {\"user:color\":\"blue\"})")
        .contains("-- second runner")
        .contains("assistant > Yes, it is blue: I can see our 6 earlier messages.")
        .contains("the model's request carried 7 messages");
    assertThat(result.err()).isEmpty();
    try (AsyncAdkStore store = TestStores.open(db)) {
      SessionKey key = SessionKey.of("adk-store-demo", "alice", "chat-1");
      assertThat(TestStores.await(store.getEvents(EventQuery.all(key)))).hasSize(8);
      assertThat(TestStores.await(store.getUserState("adk-store-demo", "alice")))
          .containsValue("blue");
    }
  }

  @Test
  void rerunsUseAFreshSessionAndResetStartsOver() {
    String url = TestStores.url(dir.resolve("demo.db"));
    assertThat(Cli.run("demo", "--url", url).exitCode()).isZero();

    Cli.Result again = Cli.run("demo", "--url", url);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("session adk-store-demo/alice/chat-2");

    Cli.Result reset = Cli.run("demo", "--url", url, "--reset");
    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    assertThat(reset.out()).contains("reset: deleted 2 earlier demo sessions").contains("alice/chat-1");
  }

  @Test
  void anInMemoryDatabaseCannotShowARestart() {
    Cli.Result result = Cli.run("demo", "--url", "jdbc:sqlite::memory:");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1).first().asString().contains("in-memory");
    assertThat(result.out()).isEmpty();
  }
}
