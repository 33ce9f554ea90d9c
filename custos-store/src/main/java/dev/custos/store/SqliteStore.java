package dev.custos.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL} (a commit is on
 * disk when {@link #write} returns), {@code foreign_keys=ON} and a busy timeout.
 *
 * <p>Exactly one writer: a single write connection, used under the JVM-wide writer lock, begins
 * every write with {@code BEGIN IMMEDIATE}, which also serializes it against other processes that
 * open the same file. Reads use separate connections ({@code query_only}) and see the last
 * committed snapshot, never a write in progress.
 *
 * <p>The database file and its {@code -wal} and {@code -shm} companions are created with
 * permissions 0600 when absent (SQLite itself gives the companions the database file's mode); an
 * existing file readable by group or others is used but logged as a warning.
 */
final class SqliteStore extends JdbcStore {
  static final int BUSY_TIMEOUT_MS = 10_000;
  /** Idle read connections kept open: enough for a server's concurrent calls not to reopen files. */
  private static final int IDLE_READERS = 16;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private final String url;
  private final SQLiteConfig config;
  private final SqliteSession writer;
  private final ConcurrentLinkedQueue<SqliteSession> idleReaders = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Null until {@link #startCheckpointer}: a store that fails to open never starts one. */
  private volatile SqliteCheckpointer checkpointer;

  private SqliteStore(String url, SQLiteConfig config, Connection writeConnection) {
    this.url = url;
    this.config = config;
    this.writer = new SqliteSession(writeConnection, "BEGIN IMMEDIATE", s -> {});
  }

  static SqliteStore open(Path file) throws StoreException {
    Path db = file.toAbsolutePath();
    createOwnerOnly(db);
    String url = "jdbc:sqlite:" + db;
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // The store never asks for generated keys; with this on, sqlite-jdbc runs a fresh
    // "SELECT last_insert_rowid()" statement (prepare, step, finalize) after every INSERT.
    config.setGetGeneratedKeys(false);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url);
    Migrations.apply(dataSource, "sqlite", url, url);
    Connection writeConnection;
    try {
      writeConnection = config.createConnection(url);
    } catch (SQLException e) {
      throw JdbcFailure.of("open sqlite store " + db, e);
    }
    SqliteStore store = new SqliteStore(url, config, writeConnection);
    store.requireWal(writeConnection, db);
    store.startCheckpointer(writeConnection, db);
    return store;
  }

  @Override
  public String kind() {
    return "sqlite";
  }

  @Override
  Session beginWrite() throws StoreException {
    requireOpen();
    try {
      return writer.begin();
    } catch (SQLException e) {
      throw JdbcFailure.of("begin write transaction", e);
    }
  }

  @Override
  Session beginRead() throws StoreException {
    requireOpen();
    SqliteSession reader = idleReaders.poll();
    try {
      if (reader == null) {
        reader = newReader();
      }
      return reader.begin();
    } catch (SQLException e) {
      if (reader != null) {
        reader.close();
      }
      throw JdbcFailure.of("begin read transaction", e);
    }
  }

  @Override
  void batchCommitted() {
    SqliteCheckpointer c = checkpointer;
    if (c != null) {
      c.committed();
    }
  }

  @Override
  void closeConnections() {
    if (!closed.getAndSet(true)) {
      SqliteCheckpointer c = checkpointer;
      if (c != null) {
        c.close();
      }
      writer.close();
      closeIdleReaders();
    }
  }

  private SqliteSession newReader() throws SQLException {
    Connection c = config.createConnection(url);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA query_only = ON");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return new SqliteSession(c, "BEGIN", this::release);
  }

  private void release(SqliteSession reader) {
    if (closed.get() || idleReaders.size() >= IDLE_READERS) {
      reader.close();
      return;
    }
    idleReaders.add(reader);
    if (closed.get()) {
      closeIdleReaders();
    }
  }

  private void closeIdleReaders() {
    for (SqliteSession r; (r = idleReaders.poll()) != null; ) {
      r.close();
    }
  }

  private void requireOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("sqlite store is closed");
    }
  }

  /** Checkpoints move off the writer's commits (see SqliteCheckpointer); the writer's own become a backstop. */
  private void startCheckpointer(Connection writeConnection, Path db) throws StoreException {
    Connection own = null;
    try {
      try (Statement st = writeConnection.createStatement()) {
        st.execute("PRAGMA wal_autocheckpoint = " + SqliteCheckpointer.WRITER_BACKSTOP_PAGES);
      }
      own = config.createConnection(url);
    } catch (SQLException e) {
      closeConnections();
      throw JdbcFailure.of("open sqlite checkpoint connection to " + db, e);
    }
    checkpointer = new SqliteCheckpointer(own, db.getFileName().toString());
  }

  private void requireWal(Connection c, Path db) throws StoreException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
        closeConnections();
        throw new StoreException("sqlite store " + db + " could not enter WAL mode (unsupported file system?)");
      }
    } catch (SQLException e) {
      closeConnections();
      throw JdbcFailure.of("check sqlite journal mode of " + db, e);
    }
  }

  private static void createOwnerOnly(Path db) throws StoreException {
    Path dir = db.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StoreException("sqlite store: directory " + dir + " does not exist");
    }
    try {
      for (Path p : new Path[] {db, Path.of(db + "-wal"), Path.of(db + "-shm")}) {
        try {
          Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          Files.setPosixFilePermissions(p, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
          warnIfShared(p);
        }
      }
    } catch (IOException e) {
      throw new StoreException("sqlite store: cannot create " + db + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static void warnIfShared(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
    perms.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    if (!perms.isEmpty()) {
      LOG.warn("sqlite store file {} is accessible to group or others ({}); chmod 600 it", p, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
  }
}
