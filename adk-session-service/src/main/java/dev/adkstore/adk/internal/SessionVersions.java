package dev.adkstore.adk.internal;

import com.google.adk.sessions.Session;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Remembers, for each {@link Session} object, the stored version it last knew: what makes stale
 * writers detectable (SESSION-SERVICE A10) without false positives.
 *
 * <p>Keys are held by identity (two equal sessions are still two loads) and weakly (a session the
 * application drops is forgotten with it).
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class SessionVersions {
  private final Map<IdentityRef, Long> versions = new HashMap<>();
  private final ReferenceQueue<Session> collected = new ReferenceQueue<>();

  /**
   * Records the version a session object now reflects.
   *
   * @param session the object
   * @param version the stored version it reflects
   */
  public synchronized void remember(Session session, long version) {
    expungeCollected();
    versions.put(new IdentityRef(session, collected), version);
  }

  /**
   * The version a session object last reflected.
   *
   * @param session the object
   * @return the version, empty for an object this service never produced or appended through
   */
  public synchronized OptionalLong versionOf(Session session) {
    expungeCollected();
    Long version = versions.get(new IdentityRef(session, null));
    return version == null ? OptionalLong.empty() : OptionalLong.of(version);
  }

  private void expungeCollected() {
    for (Reference<? extends Session> ref; (ref = collected.poll()) != null; ) {
      versions.remove(ref);
    }
  }

  private static final class IdentityRef extends WeakReference<Session> {
    private final int hash;

    IdentityRef(Session session, ReferenceQueue<Session> queue) {
      super(session, queue);
      this.hash = System.identityHashCode(session);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      Session mine = get();
      return mine != null && other instanceof IdentityRef ref && mine == ref.get();
    }
  }
}
