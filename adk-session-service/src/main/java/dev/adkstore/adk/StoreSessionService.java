package dev.adkstore.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.State;
import dev.adkstore.adk.internal.AsyncBridge;
import dev.adkstore.adk.internal.EventMapper;
import dev.adkstore.adk.internal.SessionVersions;
import dev.adkstore.adk.internal.StateScopes;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StateDelta;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * An ADK {@link BaseSessionService} that keeps sessions, their events and their app-wide and
 * user-wide state in any {@link AsyncAdkStore}: swap it in for {@code InMemorySessionService} and
 * conversations survive restarts and are safe under concurrency.
 *
 * <h2>Behaviour</h2>
 *
 * Specified rule by rule in {@code SESSION-SERVICE.md}. In short: state keys are scoped by prefix
 * ({@code app:} app-wide, {@code user:} user-wide, {@code temp:} never stored, the rest the
 * session's); {@link #appendEvent} writes the event and its state change in one atomic store
 * transaction first and only then updates the {@link Session} object it was given; partial events
 * are never stored; a {@link Session} object that is out of date is refused with {@link
 * StaleSessionWriteException} instead of silently overwriting newer data.
 *
 * <h2>Asynchrony</h2>
 *
 * Every method returns a cold Rx value that calls the store when subscribed and signals from the
 * store's completion, so no ADK thread is ever blocked. Null arguments are rejected at once with
 * {@link NullPointerException}.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe: any number of threads may use one instance. Appends through one {@link Session}
 * object must not overlap (ADK's Runner appends one event at a time); appends through different
 * objects, even of the same session, may.
 */
public final class StoreSessionService implements BaseSessionService {
  private final AsyncAdkStore store;
  private final EventMapper eventMapper = new EventMapper();
  private final SessionVersions versions = new SessionVersions();

  /**
   * Creates a service over a store whose tables exist.
   *
   * @param store the store; the service does not close it
   */
  public StoreSessionService(AsyncAdkStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  // ---- create ----------------------------------------------------------------------------------

  /**
   * Creates a session; see {@link #createSession(String, String, Map, String)}.
   *
   * @deprecated ADK deprecated this overload; it behaves exactly like the {@code Map} one.
   */
  @Deprecated
  @Override
  public Single<Session> createSession(
      String appName,
      String userId,
      @Nullable ConcurrentMap<String, Object> state,
      @Nullable String sessionId) {
    return createSession(appName, userId, (Map<String, Object>) state, sessionId);
  }

  /**
   * Creates a session (SESSION-SERVICE C1 to C8). A blank or null id is replaced by a random UUID;
   * a given one is trimmed. Initial {@code app:} and {@code user:} keys are stored app-wide and
   * user-wide, {@code temp:} keys are dropped.
   *
   * @return the new session with its merged state; fails with {@link SessionAlreadyExistsException}
   *     if the id is taken for that app and user, with {@link IllegalArgumentException} if the
   *     initial state cannot be stored (a null key, a cycle, nesting too deep, a value with no JSON
   *     form); nothing is written then
   */
  @Override
  public Single<Session> createSession(
      String appName,
      String userId,
      @Nullable Map<String, Object> state,
      @Nullable String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    String id =
        sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId.trim();
    // Split (and so copy) the caller's map now, not at subscription time (C4); a state that
    // cannot be stored fails the Single, like every other failure.
    StateDelta initial;
    try {
      initial = StateScopes.splitInitialState(state == null ? Map.of() : state);
    } catch (RuntimeException e) {
      return Single.error(AsyncBridge.translate(e));
    }
    return AsyncBridge.single(() -> createAndLoad(SessionKey.of(appName, userId, id), initial));
  }

  // Initial app: and user: keys are applied key by key in the create's own transaction, so a
  // refused create writes none of them and concurrent writers of other keys lose nothing; the
  // merged state comes back from the same call.
  private CompletableFuture<Session> createAndLoad(SessionKey key, StateDelta initial) {
    StateDelta shared = new StateDelta(Map.of(), initial.app(), initial.user());
    return store
        .createAndLoadSession(NewSession.of(key, initial.session()).withSharedState(shared))
        .thenApply(this::toSession);
  }

  // ---- get, list, delete -----------------------------------------------------------------------

  /**
   * Reads a session with its merged state and the events the config selects (SESSION-SERVICE G1 to
   * G10), all from one consistent read of the store.
   *
   * @return the session, or empty when there is none for that app and user; fails with {@link
   *     IllegalArgumentException} for a negative {@code numRecentEvents}, with {@link
   *     UnreadableEventException} when a selected stored event cannot be read back as an ADK event
   */
  @Override
  public Maybe<Session> getSession(
      String appName, String userId, String sessionId, Optional<GetSessionConfig> config) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(config, "config");
    return AsyncBridge.maybe(
        () ->
            store
                .loadSession(eventQuery(SessionKey.of(appName, userId, sessionId), config))
                .thenApply(snapshot -> snapshot.map(this::toSession)));
  }

  private static EventQuery eventQuery(SessionKey key, Optional<GetSessionConfig> config) {
    EventQuery query = EventQuery.all(key);
    if (config.isEmpty()) {
      return query;
    }
    Optional<Instant> after = config.get().afterTimestamp();
    if (after.isPresent()) {
      query = query.after(after.get());
    }
    Optional<Integer> recent = config.get().numRecentEvents();
    if (recent.isPresent()) {
      if (recent.get() < 0) {
        throw new IllegalArgumentException(
            "numRecentEvents must not be negative, was " + recent.get());
      }
      query = query.last(recent.get());
    }
    return query;
  }

  /**
   * Lists a user's sessions in an app, most recently updated first, with their merged state and no
   * events (SESSION-SERVICE L1).
   */
  @Override
  public Single<ListSessionsResponse> listSessions(String appName, String userId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    return AsyncBridge.single(
        () -> {
          CompletableFuture<List<SessionRecord>> sessions =
              store.listSessions(SessionQuery.forUser(appName, userId));
          CompletableFuture<Map<String, Object>> appState = store.getAppState(appName);
          CompletableFuture<Map<String, Object>> userState = store.getUserState(appName, userId);
          return CompletableFuture.allOf(sessions, appState, userState)
              .thenApply(
                  unused -> {
                    List<Session> listed = new ArrayList<>();
                    for (SessionRecord record : sessions.join()) {
                      listed.add(toSession(record, List.of(), appState.join(), userState.join()));
                    }
                    return ListSessionsResponse.builder().sessions(listed).build();
                  });
        });
  }

  /**
   * Deletes a session and its events (SESSION-SERVICE D1). App and user state stay. Deleting a
   * session that does not exist completes normally, as ADK's own implementations do.
   */
  @Override
  public Completable deleteSession(String appName, String userId, String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    return AsyncBridge.completable(
        () -> store.deleteSession(SessionKey.of(appName, userId, sessionId)));
  }

  /**
   * Lists every stored event of a session in append order (SESSION-SERVICE E1); empty for an
   * unknown session, as ADK's own implementations do. Fails with {@link UnreadableEventException}
   * when a stored event cannot be read back as an ADK event.
   */
  @Override
  public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    return AsyncBridge.single(
        () ->
            store
                .getEvents(EventQuery.all(SessionKey.of(appName, userId, sessionId)))
                .thenApply(
                    records ->
                        ListEventsResponse.builder()
                            .events(records.stream().map(eventMapper::toEvent).toList())
                            .build()));
  }

  /** Completes at once (SESSION-SERVICE E2): the service holds nothing per session to release. */
  @Override
  public Completable closeSession(Session session) {
    Objects.requireNonNull(session, "session");
    return Completable.complete();
  }

  // ---- append ----------------------------------------------------------------------------------

  /**
   * Stores an event with its state change, then applies it to {@code session} (SESSION-SERVICE A1
   * to A11).
   *
   * <p>A partial event is emitted unchanged and changes nothing. Otherwise the event gets an id if
   * it has none, the event and its state delta are written in one store transaction that also
   * checks the session object is not stale, and only then is the session object updated: event
   * added, delta applied to its state ({@code temp:} keys included, for the rest of the
   * invocation), {@code lastUpdateTime} set to the event's time. Finally the {@code temp:} keys are
   * removed from the event's own delta, so the event equals the stored one.
   *
   * @return the same event; fails with {@link com.google.adk.sessions.SessionNotFoundException}
   *     when the session does not exist, {@link StaleSessionWriteException} when it changed since
   *     {@code session} was loaded, {@link SessionException} when an event with the same id is
   *     already stored; on failure nothing is written and {@code session} is unchanged
   */
  @Override
  public Single<Event> appendEvent(Session session, Event event) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(event, "event");
    if (event.partial().orElse(false)) {
      return Single.just(event);
    }
    Objects.requireNonNull(session.appName(), "session.appName");
    Objects.requireNonNull(session.userId(), "session.userId");
    Objects.requireNonNull(session.id(), "session.id");
    return AsyncBridge.single(() -> persist(session, event))
        .onErrorResumeNext(
            error ->
                Single.error(
                    error instanceof SessionAlreadyExistsException
                        ? new SessionException(
                            "event " + event.id() + " is already stored in session " + session.id(),
                            error.getCause())
                        : error));
  }

  private CompletableFuture<Event> persist(Session session, Event event) {
    if (event.id() == null || event.id().isBlank()) {
      event.setId(Event.generateEventId());
    }
    SessionKey key = SessionKey.of(session.appName(), session.userId(), session.id());
    EventActions actions = event.actions();
    StateDelta delta =
        actions == null ? StateDelta.EMPTY : StateScopes.toStoreDelta(actions.stateDelta());
    EventRecord record = eventMapper.toRecord(key, event);
    return store
        .appendEvent(record, delta, conditionFor(session))
        .thenApply(
            version -> {
              applyToSession(session, event);
              versions.remember(session, version);
              return event;
            });
  }

  private AppendCondition conditionFor(Session session) {
    OptionalLong known = versions.versionOf(session);
    if (known.isPresent()) {
      return AppendCondition.expectVersion(known.getAsLong());
    }
    Instant lastSeen = session.lastUpdateTime() == null ? Instant.EPOCH : session.lastUpdateTime();
    return AppendCondition.notUpdatedAfter(lastSeen);
  }

  private static void applyToSession(Session session, Event event) {
    EventActions actions = event.actions();
    if (actions != null) {
      Map<String, Object> state = session.state();
      actions
          .stateDelta()
          .forEach(
              (key, value) -> {
                if (value == State.REMOVED) {
                  state.remove(key);
                } else {
                  state.put(key, value);
                }
              });
      actions.stateDelta().keySet().removeIf(key -> key.startsWith(State.TEMP_PREFIX));
    }
    session.events().add(event);
    session.lastUpdateTime(Instant.ofEpochMilli(event.timestamp()));
  }

  // ---- mapping ---------------------------------------------------------------------------------

  private Session toSession(SessionSnapshot snapshot) {
    List<Event> events = new ArrayList<>(snapshot.events().size());
    for (EventRecord record : snapshot.events()) {
      events.add(eventMapper.toEvent(record));
    }
    return toSession(snapshot.session(), events, snapshot.appState(), snapshot.userState());
  }

  private Session toSession(
      SessionRecord record,
      List<Event> events,
      Map<String, Object> appState,
      Map<String, Object> userState) {
    SessionKey key = record.key();
    Session session =
        Session.builder(key.sessionId())
            .appName(key.appName())
            .userId(key.userId())
            .state(StateScopes.merge(record.state(), appState, userState))
            .events(events)
            .lastUpdateTime(record.updateTime())
            .build();
    versions.remember(session, record.version());
    return session;
  }
}
