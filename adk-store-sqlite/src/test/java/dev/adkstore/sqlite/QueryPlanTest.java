package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.sqlite.internal.EventDao;
import dev.adkstore.sqlite.internal.SchemaDao;
import dev.adkstore.sqlite.internal.ScopedStateDao;
import dev.adkstore.sqlite.internal.SessionDao;
import dev.adkstore.sqlite.internal.VisitsEveryRow;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.jdbc.SessionOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query and every UPDATE or DELETE of the DAOs, as the store renders it with the default
 * table names, is checked with {@code EXPLAIN QUERY PLAN}: none may scan the sessions or events
 * table, unless the method is marked {@link VisitsEveryRow} because visiting every row is its job.
 */
class QueryPlanTest {
  private static final Pattern FULL_SCAN = Pattern.compile("^SCAN (adk_sessions|adk_events)\\b.*");

  @TempDir static Path dir;
  private static Handle handle;

  @BeforeAll
  static void createSchema() {
    SqliteStoreConfig config = SqliteStoreConfig.builder().path(dir.resolve("plan.db")).build();
    try (SqliteAdkStore store = SqliteAdkStore.open(config)) {
      await(store.createTables());
    }
    handle = Jdbi.create(config.jdbcUrl()).open();
  }

  @AfterAll
  static void close() {
    handle.close();
  }

  static Stream<Method> statements() {
    return Stream.of(SessionDao.class, EventDao.class, ScopedStateDao.class, SchemaDao.class)
        .flatMap(dao -> Stream.of(dao.getMethods()))
        .filter(m -> sql(m) != null)
        .filter(m -> {
          String verb = sql(m).trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
          return verb.equals("SELECT") || verb.equals("UPDATE") || verb.equals("DELETE");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void isServedByAnIndex(Method method) {
    for (String orderColumn : List.of("update_time", "create_time")) {
      List<String> plan = plan(method, orderColumn);
      assertThat(plan).as("plan of %s", method.getName()).isNotEmpty();
      if (!method.isAnnotationPresent(VisitsEveryRow.class)) {
        assertThat(plan).as("plan of %s.%s: %s", method.getDeclaringClass().getSimpleName(), method.getName(), plan)
            .noneMatch(line -> FULL_SCAN.matcher(line).matches());
      } else if (sql(method).contains("<sessions>") || sql(method).contains("<events>")) {
        // Keeps the annotation honest, and shows that the pattern recognizes a full scan.
        assertThat(plan).anyMatch(line -> FULL_SCAN.matcher(line).matches());
      }
      if (method.getDeclaringClass() == EventDao.class && method.getName().equals("find")) {
        assertThat(plan).anyMatch(line -> line.contains("adk_events_session_seq"));
      }
    }
  }

  private static List<String> plan(Method method, String orderColumn) {
    Query query = handle.createQuery("EXPLAIN QUERY PLAN " + sql(method))
        .define("sessions", "adk_sessions").define("events", "adk_events")
        .define("appStates", "adk_app_states").define("userStates", "adk_user_states")
        .define("metadata", "adk_metadata").define("ownerSelect", "NULL").define("ownerColumn", "NULL")
        .define("ownerInsertColumn", "").define("ownerInsertValue", "");
    for (Parameter parameter : method.getParameters()) {
      if (parameter.isAnnotationPresent(Define.class)) {
        query.define(parameter.getName(), SessionOrder.of(
            orderColumn.equals("create_time") ? SessionQuery.OrderBy.CREATE_TIME : SessionQuery.OrderBy.UPDATE_TIME, true));
      } else {
        query.bind(parameter.getName(), sample(parameter.getType()));
      }
    }
    List<String> details = new ArrayList<>();
    query.map((rs, ctx) -> rs.getString("detail")).forEach(details::add);
    return details;
  }

  private static Object sample(Class<?> type) {
    if (type == double.class || type == java.time.Instant.class) {
      return 2460000.5;
    }
    if (type == int.class || type == Integer.class) {
      return 10;
    }
    if (type == long.class) {
      return 3L;
    }
    return "x";
  }

  private static String sql(Method method) {
    SqlQuery query = method.getAnnotation(SqlQuery.class);
    if (query != null) {
      return query.value();
    }
    SqlUpdate update = method.getAnnotation(SqlUpdate.class);
    return update == null ? null : update.value();
  }
}
