package dev.adkstore.jdbc;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens a store from its JDBC URL, through whichever backend on the class path accepts it
 * ({@link AdkStoreProvider}): {@code jdbc:sqlite:./agent.db} with {@code adk-store-sqlite},
 * {@code jdbc:postgresql://host/db} with {@code adk-store-postgres}. The store's tables are not
 * created: call {@link AsyncAdkStore#createTables()}.
 *
 * <pre>{@code
 * try (AsyncAdkStore store = AdkStores.open("jdbc:sqlite:./agent.db")) {
 *   store.createTables().join();
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class AdkStores {
  private AdkStores() {}

  /**
   * Opens a store for reading and writing, creating a SQLite file if it is missing.
   *
   * @param url the JDBC URL
   * @return the open store; the caller closes it
   * @throws InvalidArgumentException if the URL is blank or no installed backend accepts it
   * @throws dev.adkstore.api.StorageException if the database cannot be opened
   */
  public static AsyncAdkStore open(String url) {
    return open(url, AccessMode.CREATE);
  }

  /**
   * Opens a store.
   *
   * @param url the JDBC URL
   * @param mode what the caller will do with it
   * @return the open store; the caller closes it
   * @throws InvalidArgumentException if the URL is blank, no installed backend accepts it, or
   *     its backend cannot open its form
   * @throws dev.adkstore.api.StorageException if the database does not exist (unless
   *     {@link AccessMode#CREATE}) or cannot be opened
   */
  public static AsyncAdkStore open(String url, AccessMode mode) {
    Identifiers.requireNonNull("mode", mode);
    if (url == null || url.isBlank()) {
      throw new InvalidArgumentException("url", "must not be blank");
    }
    List<String> forms = new ArrayList<>();
    for (AdkStoreProvider provider : ServiceLoader.load(AdkStoreProvider.class, AdkStores.class.getClassLoader())) {
      if (provider.accepts(url)) {
        return provider.open(url, mode);
      }
      forms.add(provider.urlForms());
    }
    throw new InvalidArgumentException("url", forms.isEmpty()
        ? "no adk-store backend is on the class path (add adk-store-sqlite or adk-store-postgres)"
        : "unsupported store URL '" + url + "': use " + String.join(" or ", forms));
  }

  /**
   * The parameters of a JDBC URL's query string, decoded: for backends that read their settings
   * from the URL.
   *
   * @param url the URL
   * @return the parameters in order; empty when there is no query
   */
  public static Map<String, String> queryParameters(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int query = url.indexOf('?');
    if (query < 0) {
      return params;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
