package dev.adkstore.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.Driver;

/**
 * A TCP relay between the store and the test's PostgreSQL server that can cut a connection at the
 * one moment a test cannot reach otherwise: around a transaction's {@code COMMIT}.
 *
 * <ul>
 *   <li>{@link #beforeNextCommit(Runnable)}: when the next {@code COMMIT} arrives from the
 *       client, run an action (a test terminates the backend with {@code pg_terminate_backend})
 *       before passing the {@code COMMIT} on, so the backend is gone between the transaction's
 *       statements and its commit.
 *   <li>{@link #dropNextCommitReply(boolean)}: pass the next {@code COMMIT} on, wait for the
 *       server's reply (sent only once the commit is durable), then close both sides without
 *       passing it back: the transaction committed, the client sees a broken connection.
 * </ul>
 *
 * <p>It spots the commit by the query text {@code COMMIT} in the client's bytes, so clients must
 * connect without TLS and without server-prepared statements ({@link #jdbcUrl(String)} sees to
 * that). Each cut happens once. Thread-safe.
 */
final class CommitCuttingProxy implements AutoCloseable {
  private static final byte[] COMMIT = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

  private final String targetHost;
  private final int targetPort;
  private final String database;
  private final String query;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "commit-cutting-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicReference<Cut> nextCut = new AtomicReference<>();
  private final CompletableFuture<Void> cutDone = new CompletableFuture<>();
  private volatile boolean refusing;

  private record Cut(Runnable beforeCommit, boolean dropReply, boolean thenRefuse) {}

  /**
   * Starts relaying to the server of a JDBC URL.
   *
   * @param serverUrl a {@code jdbc:postgresql:} URL
   * @throws IOException if it cannot listen
   */
  CommitCuttingProxy(String serverUrl) throws IOException {
    Properties parsed = Driver.parseURL(serverUrl, null);
    this.targetHost = parsed.getProperty("PGHOST");
    this.targetPort = Integer.parseInt(parsed.getProperty("PGPORT"));
    this.database = parsed.getProperty("PGDBNAME");
    int q = serverUrl.indexOf('?');
    this.query = q < 0 ? "" : serverUrl.substring(q + 1) + "&";
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /**
   * The URL to connect through the proxy, with the same credentials as the server's URL.
   *
   * @param applicationName the session's application_name, to find its backend
   * @return the URL
   */
  String jdbcUrl(String applicationName) {
    return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + database + "?" + query
        + "sslmode=disable&prepareThreshold=0&ApplicationName=" + applicationName;
  }

  /** Runs an action when the next COMMIT arrives, before passing it on. */
  void beforeNextCommit(Runnable action) {
    nextCut.set(new Cut(action, false, false));
  }

  /**
   * Loses the reply to the next COMMIT.
   *
   * @param thenRefuse whether to refuse every later connection, so nobody can ask the server
   */
  void dropNextCommitReply(boolean thenRefuse) {
    nextCut.set(new Cut(() -> {}, true, thenRefuse));
  }

  /** Completes once the armed cut has happened. */
  CompletableFuture<Void> cutDone() {
    return cutDone;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(server);
        Connection connection = new Connection(client, server);
        threads.execute(connection::clientToServer);
        threads.execute(connection::serverToClient);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One relayed connection. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile boolean swallowReply;
    private volatile boolean refuseAfterSwallow;
    private byte[] tail = new byte[0];

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void clientToServer() {
      try (InputStream in = client.getInputStream()) {
        OutputStream out = server.getOutputStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (containsCommit(buffer, n)) {
            Cut cut = nextCut.getAndSet(null);
            if (cut != null) {
              try {
                cut.beforeCommit().run();
              } catch (RuntimeException | AssertionError e) {
                cutDone.completeExceptionally(e); // the test sees why
                throw e;
              }
              if (cut.dropReply()) {
                refuseAfterSwallow = cut.thenRefuse();
                swallowReply = true;
              } else {
                cutDone.complete(null);
              }
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed: the relay ends.
      } finally {
        closeBoth();
      }
    }

    void serverToClient() {
      try (InputStream in = server.getInputStream()) {
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (swallowReply) {
            refusing = refuseAfterSwallow;
            cutDone.complete(null);
            closeBoth();
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed: the relay ends.
      } finally {
        closeBoth();
      }
    }

    // The text may straddle two reads, so the end of the previous read is searched too.
    private boolean containsCommit(byte[] buffer, int n) {
      byte[] window = new byte[tail.length + n];
      System.arraycopy(tail, 0, window, 0, tail.length);
      System.arraycopy(buffer, 0, window, tail.length, n);
      int keep = Math.min(window.length, COMMIT.length - 1);
      tail = Arrays.copyOfRange(window, window.length - keep, window.length);
      for (int i = 0; i + COMMIT.length <= window.length; i++) {
        if (Arrays.equals(window, i, i + COMMIT.length, COMMIT, 0, COMMIT.length)) {
          return true;
        }
      }
      return false;
    }

    private void closeBoth() {
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
