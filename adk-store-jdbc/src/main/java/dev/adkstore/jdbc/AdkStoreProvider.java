package dev.adkstore.jdbc;

import dev.adkstore.api.AsyncAdkStore;

/**
 * A backend, found by {@link AdkStores} through {@link java.util.ServiceLoader}: a jar that holds
 * an implementation and names it in {@code META-INF/services/dev.adkstore.jdbc.AdkStoreProvider}
 * adds a backend, with no change anywhere else.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor.
 */
public interface AdkStoreProvider {
  /**
   * Whether this backend opens the URL (usually: whether it starts with the backend's JDBC
   * prefix). At most one installed provider accepts any URL.
   *
   * @param url a JDBC URL, not null
   * @return true if {@link #open} should be given it
   */
  boolean accepts(String url);

  /**
   * The URL forms this backend opens, for the message that lists what is supported.
   *
   * @return such as {@code jdbc:sqlite:FILE, jdbc:sqlite::memory:}
   */
  String urlForms();

  /**
   * Opens a store on the URL; does not create tables.
   *
   * @param url a URL this provider accepts
   * @param mode what the caller will do with it
   * @return the open store; the caller closes it
   * @throws dev.adkstore.api.InvalidArgumentException for a URL of the right prefix but a form
   *     this backend cannot open, naming the field {@code url}
   * @throws dev.adkstore.api.StorageException if the database does not exist (unless
   *     {@link AccessMode#CREATE}) or cannot be opened
   */
  AsyncAdkStore open(String url, AccessMode mode);
}
