package dev.adkstore.adk;

import com.google.adk.events.Event;
import com.google.adk.memory.BaseMemoryService;
import com.google.adk.memory.SearchMemoryResponse;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.adkstore.adk.internal.WordFolding;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.MemorySearch;
import dev.adkstore.api.SessionKey;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An ADK {@link BaseMemoryService} over any {@link AsyncAdkStore}: what users said in past
 * sessions, kept in the store and found again by words. Swap it in for
 * {@code InMemoryMemoryService}; the application calls {@link #addSessionToMemory} after a turn or
 * at the end of a session (ADK's Runner never does).
 *
 * <h2>Behaviour</h2>
 *
 * Specified rule by rule in {@code MEMORY.md}. In short: one entry per event with text; only text
 * parts count (no function calls, responses, data or thoughts); partial events are never stored;
 * adding a session again adds only its new events and never rewrites or removes an entry; text is
 * cut to {@link Builder#maxTextBytes} bytes of UTF-8; words are folded alike for entries and queries
 * ({@code CAFÉ} matches {@code cafe}, whole words, no stemming); stop words are dropped from
 * queries; results are the best {@link Builder#maxResults} of that app and user only; timestamps
 * are ISO-8601 UTC. {@link #deleteMemories} and {@link #deleteSessionMemories} erase, beyond ADK's
 * interface.
 *
 * <h2>Asynchrony and errors</h2>
 *
 * Every method returns a cold Rx value that calls the store when subscribed. A null argument is
 * rejected at once with {@link NullPointerException}; a blank or over-long id fails the Rx value
 * with {@link IllegalArgumentException} before anything is written; a store failure arrives as the
 * store's own exception.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe: any number of threads may add and search at once; concurrent adds of one session
 * store each entry once.
 */
public final class StoreMemoryService implements BaseMemoryService {
  /** At most this many entries answer a search, by default: each lands in a prompt. */
  public static final int DEFAULT_MAX_RESULTS = 10;

  /** An entry's text is cut to this many bytes of UTF-8, by default: 32 KiB. */
  public static final int DEFAULT_MAX_TEXT_BYTES = 32 * 1024;

  /** The default stop words: short English function words, dropped from queries. */
  public static final Set<String> DEFAULT_STOP_WORDS = Set.of(
      "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "does", "for", "from",
      "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
      "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the",
      "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were",
      "what", "when", "where", "which", "who", "why", "will", "with", "you", "your");

  static final int MAX_QUERY_CHARACTERS = 4_000;
  static final int MAX_QUERY_WORDS = 32;

  private final AsyncAdkStore store;
  private final int maxResults;
  private final int maxTextBytes;
  private final Set<String> stopWords;

  /**
   * Creates a service with the defaults over a store whose tables exist.
   *
   * @param store the store; the service does not close it
   */
  public StoreMemoryService(AsyncAdkStore store) {
    this(builder(store));
  }

  private StoreMemoryService(Builder b) {
    this.store = b.store;
    this.maxResults = b.maxResults;
    this.maxTextBytes = b.maxTextBytes;
    this.stopWords = b.stopWords;
  }

  /**
   * Starts a builder: {@link #DEFAULT_MAX_RESULTS}, {@link #DEFAULT_MAX_TEXT_BYTES},
   * {@link #DEFAULT_STOP_WORDS}.
   *
   * @param store the store; the service does not close it
   * @return the builder
   */
  public static Builder builder(AsyncAdkStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  // ---- ingest ----------------------------------------------------------------------------------

  /**
   * Stores the session's events with text that memory does not hold yet (MEMORY I1 to I9). The
   * session need not exist in the store.
   *
   * @param session the session, read as it is when this is called
   * @return completes when the entries are stored
   */
  @Override
  public Completable addSessionToMemory(Session session) {
    Objects.requireNonNull(session, "session");
    List<MemoryEntry> entries;
    SessionKey key;
    try {
      key = SessionKey.of(session.appName(), session.userId(), session.id());
      entries = entriesOf(key, session);
    } catch (InvalidArgumentException e) {
      return Completable.error(new IllegalArgumentException(e.getMessage(), e));
    }
    if (entries.isEmpty()) {
      return Completable.complete();
    }
    // The store skips every key it holds inside its insert (I4, I8): no read before the write.
    return completable(() -> store.addMemories(entries));
  }

  private List<MemoryEntry> entriesOf(SessionKey key, Session session) {
    List<MemoryEntry> entries = new ArrayList<>();
    for (Event event : List.copyOf(session.events())) {
      if (event.partial().orElse(false)) {
        continue;
      }
      List<String> texts = texts(event);
      if (texts.isEmpty()) {
        continue;
      }
      Content.Builder content = Content.builder().parts(texts.stream().map(Part::fromText).toList());
      event.content().flatMap(Content::role).ifPresent(content::role);
      String author = event.author();
      entries.add(new MemoryEntry(key, eventKey(event, author, texts), author,
          Instant.ofEpochMilli(event.timestamp()), content.build().toJson(),
          WordFolding.words(String.join("\n", texts)), null));
    }
    return entries;
  }

  // Text parts only, thoughts excluded, cut to the byte limit at a character boundary (I2, I7).
  private List<String> texts(Event event) {
    List<String> texts = new ArrayList<>();
    int budget = maxTextBytes;
    for (Part part : event.content().flatMap(Content::parts).orElse(List.of())) {
      if (part.thought().orElse(false) || part.text().isEmpty() || budget == 0) {
        continue;
      }
      String text = cut(part.text().get(), budget);
      budget -= text.getBytes(StandardCharsets.UTF_8).length;
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts;
  }

  private static String cut(String text, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  // An event is known by its id; without one, by its timestamp, author and text (I4).
  private static String eventKey(Event event, String author, List<String> texts) {
    if (event.id() != null && !event.id().isBlank()) {
      return event.id();
    }
    String identity = event.timestamp() + "\n" + author + "\n" + String.join("\n", texts);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "~sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  // ---- search ----------------------------------------------------------------------------------

  /**
   * Finds the user's entries that hold words of the query, best first (MEMORY Q1 to Q9). A blank
   * query, or one of stop words and punctuation only, answers empty without calling the store.
   *
   * @param appName the app
   * @param userId the user
   * @param query what to look for, as the model wrote it; text, never syntax
   * @return at most the configured number of entries
   */
  @Override
  public Single<SearchMemoryResponse> searchMemory(String appName, String userId, String query) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(query, "query");
    List<String> words = WordFolding.queryWords(query, stopWords, MAX_QUERY_CHARACTERS, MAX_QUERY_WORDS);
    MemorySearch search;
    try {
      search = new MemorySearch(appName, userId, words, maxResults);
    } catch (InvalidArgumentException e) {
      return Single.error(new IllegalArgumentException(e.getMessage(), e));
    }
    if (words.isEmpty()) {
      return Single.just(SearchMemoryResponse.builder().memories(List.of()).build());
    }
    return single(() -> store.searchMemories(search))
        .map(found -> SearchMemoryResponse.builder().memories(found.stream().map(StoreMemoryService::toAdk).toList()).build());
  }

  private static com.google.adk.memory.MemoryEntry toAdk(MemoryEntry entry) {
    return com.google.adk.memory.MemoryEntry.builder()
        .content(Content.fromJson(entry.content()))
        .author(entry.author())
        .timestamp(entry.timestamp().toString())
        .build();
  }

  // ---- erasure ---------------------------------------------------------------------------------

  /**
   * Erases every entry of a user in an app (MEMORY D1, D3); other users and apps keep theirs.
   * Erasure remembers nothing: adding a session again ingests it again.
   *
   * @param appName the app
   * @param userId the user
   * @return how many entries were erased; 0 when there were none
   */
  public Single<Long> deleteMemories(String appName, String userId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    return single(() -> store.deleteMemories(appName, userId, null));
  }

  /**
   * Erases the entries of one of a user's sessions (MEMORY D2, D3).
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session
   * @return how many entries were erased; 0 when there were none
   */
  public Single<Long> deleteSessionMemories(String appName, String userId, String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    return single(() -> store.deleteMemories(appName, userId, sessionId));
  }

  // ---- the bridge to Rx ------------------------------------------------------------------------

  // The store's own exceptions pass through (I9), but invalid input is ADK's IllegalArgumentException.
  private static <T> Single<T> single(Supplier<CompletableFuture<T>> call) {
    return Single.defer(() -> Single.fromCompletionStage(call.get())).onErrorResumeNext(e -> Single.error(translate(e)));
  }

  private static Completable completable(Supplier<CompletableFuture<?>> call) {
    return Completable.defer(() -> Completable.fromCompletionStage(call.get()))
        .onErrorResumeNext(e -> Completable.error(translate(e)));
  }

  private static Throwable translate(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof InvalidArgumentException invalid
        ? new IllegalArgumentException(invalid.getMessage(), invalid)
        : cause;
  }

  /** A mutable builder; not thread-safe. */
  public static final class Builder {
    private final AsyncAdkStore store;
    private int maxResults = DEFAULT_MAX_RESULTS;
    private int maxTextBytes = DEFAULT_MAX_TEXT_BYTES;
    private Set<String> stopWords = DEFAULT_STOP_WORDS;

    private Builder(AsyncAdkStore store) {
      this.store = store;
    }

    /**
     * Sets how many entries a search returns at most.
     *
     * @param max at least 1
     * @return this
     */
    public Builder maxResults(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxResults must be at least 1, was " + max);
      }
      this.maxResults = max;
      return this;
    }

    /**
     * Sets how many bytes of UTF-8 text an entry keeps; longer text is cut at a character boundary.
     *
     * @param max at least 1
     * @return this
     */
    public Builder maxTextBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTextBytes must be at least 1, was " + max);
      }
      this.maxTextBytes = max;
      return this;
    }

    /**
     * Sets the words dropped from queries (never from what is stored); they are folded as words are.
     *
     * @param words the stop words; empty for none
     * @return this
     */
    public Builder stopWords(Set<String> words) {
      Set<String> folded = new HashSet<>();
      for (String word : Objects.requireNonNull(words, "words")) {
        folded.addAll(WordFolding.words(word));
      }
      this.stopWords = Set.copyOf(folded);
      return this;
    }

    /** @return the service */
    public StoreMemoryService build() {
      return new StoreMemoryService(this);
    }
  }
}
