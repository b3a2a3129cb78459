package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Walks every session of a store (or of one app), oldest created first, one page at a time, with
 * each session's events: memory holds one page of sessions and one session's events, however
 * large the store. What export and copy are built on.
 *
 * <p>Not thread-safe; the store it reads is.
 */
public final class SessionStream {
  /** Sessions read per page unless told otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  /** What receives each session. */
  @FunctionalInterface
  public interface SessionVisitor {
    /**
     * Receives one session.
     *
     * @param session the session
     * @param events all its events, in append order, read in one snapshot with the session
     */
    void visit(SessionRecord session, List<EventRecord> events);
  }

  private final AsyncAdkStore store;
  private final SessionQuery query;
  private final int pageSize;

  /**
   * Creates a stream.
   *
   * @param store the store to read
   * @param appName only this app, or null for every app
   * @param pageSize sessions per page, at least 1
   */
  public SessionStream(AsyncAdkStore store, String appName, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    this.store = store;
    this.query =
        appName == null
            ? SessionQuery.everything()
            : SessionQuery.forApp(appName).orderedBy(SessionQuery.OrderBy.CREATE_TIME, false);
    this.pageSize = pageSize;
  }

  /**
   * Visits every session in order.
   *
   * @param visitor what receives each session with its events
   * @return how many sessions were visited
   */
  public long forEach(SessionVisitor visitor) {
    long visited = 0;
    int offset = 0;
    while (true) {
      List<SessionRecord> page = Futures.await(store.listSessions(query.page(pageSize, offset)));
      for (SessionRecord listed : page) {
        // One snapshot per session, so its version and its events agree even while an agent
        // appends; a session deleted since the page was read is skipped.
        Optional<SessionSnapshot> snapshot =
            Futures.await(store.loadSession(EventQuery.all(listed.key())));
        if (snapshot.isPresent()) {
          visitor.visit(snapshot.get().session(), snapshot.get().events());
          visited++;
        }
      }
      if (page.size() < pageSize) {
        return visited;
      }
      offset += pageSize;
    }
  }
}
