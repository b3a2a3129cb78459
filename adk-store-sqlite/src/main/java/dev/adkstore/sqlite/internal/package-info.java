/**
 * The SQLite store's internals: the Jdbi SqlObject DAOs (the only place SQL is written), row
 * mappers, the group-commit writer, the reader pool and the future completer. Public only so
 * that the store and its tests can reach them; not an API, and it may change without notice.
 */
package dev.adkstore.sqlite.internal;
