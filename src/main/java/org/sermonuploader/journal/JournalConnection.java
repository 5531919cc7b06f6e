package org.sermonuploader.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sermonuploader.engine.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one SQLite connection, shared by the jobs, the history and the checks, with its
 * transactions and the words for a failed write. Not locked here: every caller holds the {@link
 * Journal}'s lock, so one transaction never takes in another's writes.
 */
final class JournalConnection {
  private static final Logger log = LoggerFactory.getLogger(JournalConnection.class);

  private final Connection db;

  private JournalConnection(Connection db) {
    this.db = db;
  }

  /** Opens the file and makes or updates its tables (see {@link JournalSchema}). */
  static JournalConnection open(Path file) throws SQLException, JournalException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      JournalSchema.setUp(c);
      return new JournalConnection(c);
    } catch (SQLException | JournalException | RuntimeException e) {
      c.close(); // else the half-open connection keeps the files, and the disk's space, held
      throw e;
    }
  }

  PreparedStatement prepare(String sql) throws SQLException {
    return db.prepareStatement(sql);
  }

  PreparedStatement prepareReturningKeys(String sql) throws SQLException {
    return db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  Statement statement() throws SQLException {
    return db.createStatement();
  }

  /** For the tables' own helpers (e.g. {@link JobTimes}). */
  Connection sql() {
    return db;
  }

  interface Work {
    void run() throws SQLException, JournalException;
  }

  /**
   * Runs {@code work} as one transaction: on a database error none of it stays. A {@code lazy} one
   * does not wait for the disk (see {@link Journal}); the others wait until it holds them.
   */
  void inTransaction(String what, boolean lazy, Work work) throws JournalException {
    try {
      if (lazy) synchronous("NORMAL");
      db.setAutoCommit(false);
      work.run();
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw fail(what, e);
    } finally {
      autoCommitQuietly();
      if (lazy) durableAgain();
    }
  }

  private void synchronous(String level) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA synchronous=" + level);
    }
  }

  private void durableAgain() {
    try {
      synchronous("FULL");
    } catch (SQLException e) {
      // every later write would skip the wait for the disk: nothing may be written that way
      log.error("Could not make the journal wait for the disk again; closing it", e);
      close();
    }
  }

  /** The error for a write or read that failed, saying so when the disk is full. */
  static JournalException fail(String what, SQLException e) {
    String hint =
        e.getMessage() != null && e.getMessage().contains("FULL")
            ? "The disk is full: the upload journal could not " + what + "."
            : "The upload journal could not " + what + ".";
    return new JournalException(hint + " (" + e.getMessage() + ")", e);
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original error is what matters
    }
  }

  private void autoCommitQuietly() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      log.warn("Could not restore autocommit on the journal: {}", e.getMessage());
    }
  }

  void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("Closing the journal failed: {}", e.getMessage());
    }
  }
}
