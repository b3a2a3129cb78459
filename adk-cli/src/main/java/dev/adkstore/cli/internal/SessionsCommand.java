package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.cli.ExitCodes;
import dev.adkstore.json.JsonCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store sessions}: list sessions and show one, as aligned tables for people or JSON
 * for scripts.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "sessions",
    description = "List sessions, or show one with its state and events.",
    subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.ShowSession.class})
public final class SessionsCommand implements Callable<Integer> {
  private static final int STATE_WIDTH = 48;
  private static final int TEXT_WIDTH = 72;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: list or show");
  }

  /** {@code sessions list}. Not thread-safe: one instance per command line. */
  @Command(name = "list", description = "List sessions, most recently updated first.")
  static final class ListSessions implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private StoreOption store;

    @Option(names = "--app", paramLabel = "APP", description = "Only sessions of this app.")
    private String app;

    @Option(
        names = "--user",
        paramLabel = "USER",
        description = "Only sessions of this user (requires --app).")
    private String user;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "50",
        description = "Show at most N sessions. Default: ${DEFAULT-VALUE}")
    private int limit;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
      if (user != null && app == null) {
        throw new CliException(ExitCodes.USAGE, "--user requires --app");
      }
      if (limit < 1) {
        throw new CliException(ExitCodes.USAGE, "--limit must be at least 1, was " + limit);
      }
      SessionQuery query =
          app == null
              ? SessionQuery.everything().orderedBy(SessionQuery.OrderBy.UPDATE_TIME, true)
              : user == null ? SessionQuery.forApp(app) : SessionQuery.forUser(app, user);
      List<SessionRecord> sessions;
      try (AsyncAdkStore opened = store.open(StoreUrls.Access.READ)) {
        sessions = Futures.await(opened.listSessions(query.limit(limit)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Object> array = new ArrayList<>();
        for (SessionRecord session : sessions) {
          array.add(ExportFormat.sessionObject(session));
        }
        out.println(JsonCodec.withDefaults().writeValue("sessions", array));
      } else if (sessions.isEmpty()) {
        out.println("no sessions");
      } else {
        Table table = new Table("APP", "USER", "SESSION", "UPDATED", "CREATED", "VERSION", "STATE");
        JsonCodec codec = JsonCodec.withDefaults();
        for (SessionRecord s : sessions) {
          table.row(
              s.key().appName(), s.key().userId(), s.key().sessionId(), s.updateTime(),
              s.createTime(), s.version(), Text.shorten(codec.writeState("state", s.state()), STATE_WIDTH));
        }
        table.print(out);
        if (sessions.size() == limit) {
          out.println("(first " + limit + " sessions; use --limit for more)");
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code sessions show}. Not thread-safe: one instance per command line. */
  @Command(name = "show", description = "Show one session: its state, app and user state, events.")
  static final class ShowSession implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private StoreOption store;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    private String app;

    @Parameters(index = "1", paramLabel = "USER", description = "The user.")
    private String user;

    @Parameters(index = "2", paramLabel = "ID", description = "The session id.")
    private String id;

    @Option(
        names = "--events",
        paramLabel = "N",
        defaultValue = "20",
        description = "Show the last N events. Default: ${DEFAULT-VALUE}")
    private int events;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
      if (events < 0) {
        throw new CliException(ExitCodes.USAGE, "--events must not be negative, was " + events);
      }
      SessionKey key = SessionKey.of(app, user, id);
      Optional<SessionSnapshot> loaded;
      try (AsyncAdkStore opened = store.open(StoreUrls.Access.READ)) {
        loaded = Futures.await(opened.loadSession(EventQuery.all(key).last(events)));
      }
      SessionSnapshot snapshot =
          loaded.orElseThrow(
              () -> new CliException(ExitCodes.NOT_FOUND, "no session " + app + "/" + user + "/" + id));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        printJson(out, snapshot);
      } else {
        printText(out, snapshot);
      }
      out.flush();
      return 0;
    }

    private static void printJson(PrintWriter out, SessionSnapshot snapshot) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("session", ExportFormat.sessionObject(snapshot.session()));
      object.put("appState", snapshot.appState());
      object.put("userState", snapshot.userState());
      object.put("events", ExportFormat.eventObjects(snapshot.events()));
      out.println(JsonCodec.withDefaults().writeValue("session", object));
    }

    private void printText(PrintWriter out, SessionSnapshot snapshot) {
      SessionRecord s = snapshot.session();
      JsonCodec codec = JsonCodec.withDefaults();
      Table facts = new Table("", "");
      facts.row("session", s.key().appName() + "/" + s.key().userId() + "/" + s.key().sessionId());
      facts.row("owner", s.ownerId());
      facts.row("created", s.createTime());
      facts.row("updated", s.updateTime());
      facts.row("version", s.version());
      facts.row("state", codec.writeState("state", s.state()));
      facts.row("app state", codec.writeState("appState", snapshot.appState()));
      facts.row("user state", codec.writeState("userState", snapshot.userState()));
      facts.printWithoutHeader(out);
      out.println();
      List<EventRecord> shown = snapshot.events();
      if (shown.isEmpty()) {
        out.println("no events shown");
        return;
      }
      out.println(
          shown.size() == events
              ? "last " + events + " events (use --events for more):"
              : shown.size() + " events:");
      Table table = new Table("TIME", "AUTHOR", "EVENT", "CONTENT", "STATE DELTA");
      for (EventRecord event : shown) {
        table.row(
            event.timestamp(),
            event.author(),
            event.id(),
            Text.shorten(EventSummary.content(event), TEXT_WIDTH),
            EventSummary.stateDelta(event).map(delta -> Text.shorten(delta, STATE_WIDTH)).orElse(null));
      }
      table.print(out);
    }
  }
}
