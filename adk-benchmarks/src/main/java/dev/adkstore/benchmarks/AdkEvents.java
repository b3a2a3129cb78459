package dev.adkstore.benchmarks;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.adkstore.adk.StoreSessionService;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ADK events the session-service benchmarks append, and the store records that {@link
 * StoreSessionService} writes for them, so that a store-side benchmark writes exactly what the
 * service writes without going through it.
 *
 * <p>Event {@code n} is the ADK counterpart of {@link EventPayloads#event}: id {@code e<n>},
 * invocation id {@value #INVOCATION_ID}, author {@code user}, the same timestamp, a user message
 * whose one text part is {@link EventPayloads#contentText()}, and actions whose state delta sets
 * session key {@code turn} to {@code n} (the store-side delta is {@link EventPayloads#delta}).
 *
 * <p>The record of event {@code n} is learnt from the service, not written by hand here: {@link
 * #learn} appends an event through the service to a scratch session, keeps every column the store
 * holds for it, and splits its actions JSON around a marker value of {@code turn}. It then checks
 * that the record it builds for another event equals the one the service stored, fails if not,
 * and deletes the scratch session.
 *
 * <p>Immutable and thread-safe; the events it builds are new mutable ADK objects.
 */
final class AdkEvents {
  /** The invocation id of every event. */
  static final String INVOCATION_ID = "bench";

  private static final String SCRATCH_SESSION = "adk-events-template";
  private static final long MARKER = 987_654_321_987_654L;

  private final Content content;
  private final EventRecord template;
  private final String actionsBefore;
  private final String actionsAfter;

  private AdkEvents(Content content, EventRecord template, String actionsBefore, String actionsAfter) {
    this.content = content;
    this.template = template;
    this.actionsBefore = actionsBefore;
    this.actionsAfter = actionsAfter;
  }

  /**
   * Learns the records the service writes, through a scratch session of a store whose tables
   * exist.
   *
   * @param store the store
   * @param payloads the message text
   * @return the events
   * @throws IllegalStateException if a record built here differs from what the service stored
   */
  static AdkEvents learn(AsyncAdkStore store, EventPayloads payloads) {
    Content content =
        Content.builder()
            .role("user")
            .parts(List.of(Part.fromText(payloads.contentText())))
            .build();
    StoreSessionService service = new StoreSessionService(store);
    Session scratch =
        service.createSession("bench", "user", new HashMap<>(), SCRATCH_SESSION).blockingGet();
    SessionKey key = SessionKey.of(scratch.appName(), scratch.userId(), scratch.id());

    service.appendEvent(scratch, event(content, 0, MARKER)).blockingGet();
    EventRecord template = lastStored(store, key);
    String actions = new String(template.actions(), StandardCharsets.UTF_8);
    String marker = Long.toString(MARKER);
    int at = actions.indexOf(marker);
    if (at < 0 || actions.lastIndexOf(marker) != at) {
      throw new IllegalStateException("the stored actions do not hold the turn once: " + actions);
    }
    AdkEvents events =
        new AdkEvents(
            content, template, actions.substring(0, at), actions.substring(at + marker.length()));

    service.appendEvent(scratch, events.event(1)).blockingGet();
    EventRecord stored = lastStored(store, key);
    EventRecord built = events.record(key, 1);
    if (!stored.equals(built)) {
      throw new IllegalStateException(
          "the record built for the store differs from the one the service stored: "
              + built + " against " + stored);
    }
    store.deleteSession(key).join();
    return events;
  }

  private static EventRecord lastStored(AsyncAdkStore store, SessionKey key) {
    return store.getEvents(EventQuery.all(key).last(1)).join().get(0);
  }

  private static Event event(Content content, long n, long turn) {
    return Event.builder()
        .id(EventPayloads.eventId(n))
        .invocationId(INVOCATION_ID)
        .author("user")
        .content(content)
        .actions(
            EventActions.builder().stateDelta(new ConcurrentHashMap<>(Map.of("turn", turn))).build())
        .timestamp(EventPayloads.epochMillis(n))
        .build();
  }

  /**
   * ADK event {@code n}, new and mutable (the service and ADK's own session services change the
   * events they append).
   *
   * @param n the sequence number
   * @return the event
   */
  Event event(long n) {
    return event(content, n, n);
  }

  /**
   * The record the service stores for {@link #event(long) event n} of a session.
   *
   * @param session the session
   * @param n the sequence number
   * @return the record
   */
  EventRecord record(SessionKey session, long n) {
    return EventRecord.builder(
            session,
            EventPayloads.eventId(n),
            Instant.ofEpochMilli(EventPayloads.epochMillis(n)))
        .invocationId(template.invocationId())
        .author(template.author())
        .actions((actionsBefore + n + actionsAfter).getBytes(StandardCharsets.UTF_8))
        .longRunningToolIdsJson(template.longRunningToolIdsJson())
        .branch(template.branch())
        .content(template.content())
        .groundingMetadata(template.groundingMetadata())
        .customMetadata(template.customMetadata())
        .partial(template.partial())
        .turnComplete(template.turnComplete())
        .interrupted(template.interrupted())
        .errorCode(template.errorCode())
        .errorMessage(template.errorMessage())
        .extra(template.extra())
        .build();
  }
}
