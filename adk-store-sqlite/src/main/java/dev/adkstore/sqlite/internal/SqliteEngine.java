package dev.adkstore.sqlite.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.StorageException;
import dev.adkstore.jdbc.StoreEngine;
import dev.adkstore.jdbc.StoreWork;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * SQLite's connection model: one {@link GroupCommitWriter} owns the only write connection, a
 * {@link ReaderPool} runs reads on connections of their own, and a {@link FutureCompleter}
 * completes every future on threads of its own.
 *
 * <p>Thread-safe.
 */
public final class SqliteEngine implements StoreEngine {
  private final FutureCompleter completer;
  private final boolean readOnly;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final StoreConnection writeConnection;
  private final AutoCloseable keepAlive;
  private boolean closed;

  /**
   * Starts the engine.
   *
   * @param name the prefix of its threads' names
   * @param writeConnection the write connection, owned by the engine from now on
   * @param readConnections the read connections, owned by the engine from now on
   * @param queueCapacity how many writes, and how many reads, may wait
   * @param inMemory true for a shared-cache memory database, whose readers cannot read while a
   *     write transaction is open: there reads and write transactions take turns
   * @param readOnly true when the file was opened read-only: every write fails at once
   * @param beforeCommit runs on the writer before each commit and throws to veto it
   * @param keepAlive closed last, or null: the connection that keeps a memory database alive
   */
  public SqliteEngine(
      String name, StoreConnection writeConnection, List<StoreConnection> readConnections,
      int queueCapacity, boolean inMemory, boolean readOnly, Runnable beforeCommit, AutoCloseable keepAlive) {
    this.readOnly = readOnly;
    ReadWriteLock turns = inMemory ? new ReentrantReadWriteLock() : null;
    this.completer = new FutureCompleter(name + "-complete-");
    this.writeConnection = writeConnection;
    this.keepAlive = keepAlive;
    this.writer = new GroupCommitWriter(
        writeConnection, queueCapacity, completer, turns == null ? null : turns.writeLock(),
        beforeCommit, name + "-writer");
    this.readers = new ReaderPool(
        readConnections, queueCapacity, completer, turns == null ? null : turns.readLock(),
        name + "-reader-");
    writer.start();
  }

  @Override
  public <T> CompletableFuture<T> read(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return readers.submit(operation, c -> work.apply(c.statements()), beforeTables);
  }

  @Override
  public <T> CompletableFuture<T> snapshot(String operation, StoreWork<T> work, Supplier<T> beforeTables) {
    return readers.submit(
        operation, c -> ReaderPool.inSnapshot(c, tx -> work.apply(tx.statements())), beforeTables);
  }

  @Override
  public <T> CompletableFuture<T> write(String operation, StoreWork<T> work) {
    if (readOnly) {
      // SQLite refuses a read-only file's writes only when one changes a page; a write with
      // nothing to change (createTables on an up-to-date file) must fail all the same. Through
      // the writer, so that a closed store still answers with StoreClosedException.
      return writer.submit(operation, c -> {
        throw new StorageException(operation + " failed: the store was opened read-only");
      });
    }
    return writer.submit(operation, c -> work.apply(c.statements()));
  }

  @Override
  public <T> CompletableFuture<T> failed(AdkStoreException failure) {
    return completer.failed(failure);
  }

  /**
   * Commits every accepted write, lets running reads finish, closes the connections.
   * Idempotent.
   */
  @Override
  public void close() {
    writer.close();
    readers.close();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    writeConnection.close();
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (Exception e) {
        throw new dev.adkstore.api.StorageException("closing the in-memory database failed", e);
      }
    }
    completer.shutdown();
  }
}
