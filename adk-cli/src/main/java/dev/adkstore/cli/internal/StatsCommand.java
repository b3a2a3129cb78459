package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.StoreStats;
import dev.adkstore.json.JsonCodec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store stats}: row counts, schema version and backend facts such as file and WAL size.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "stats",
    description = "Show row counts, the schema version and backend facts (file size, WAL size).")
public final class StatsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private StoreOption store;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  private boolean json;

  @Override
  public Integer call() {
    StoreStats stats;
    try (AsyncAdkStore opened = store.open(StoreUrls.Access.READ)) {
      stats = Futures.await(opened.stats());
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> details = new TreeMap<>(stats.details());
    if (json) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("url", StoreUrls.redact(store.url()));
      object.put("schemaVersion", stats.schemaVersion());
      object.put("sessions", stats.sessions());
      object.put("events", stats.events());
      object.put("appStates", stats.appStates());
      object.put("userStates", stats.userStates());
      object.put("details", details);
      out.println(JsonCodec.withDefaults().writeValue("stats", object));
    } else {
      Table table = new Table("", "");
      table.row("store", StoreUrls.redact(store.url()));
      table.row("schema version", stats.schemaVersion());
      table.row("sessions", stats.sessions());
      table.row("events", stats.events());
      table.row("app states", stats.appStates());
      table.row("user states", stats.userStates());
      details.forEach((name, value) -> table.row(name, humanize(name, value)));
      table.printWithoutHeader(out);
    }
    out.flush();
    return 0;
  }

  /** Adds a readable size to a byte count, when the detail's name says it is one. */
  private static String humanize(String name, String value) {
    if (name.toLowerCase(java.util.Locale.ROOT).contains("bytes")) {
      try {
        long bytes = Long.parseLong(value);
        return bytes < 1024 ? value : value + " (" + Text.bytes(bytes) + ")";
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }
}
