package org.sermonuploader.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.engine.JournalException;
import org.sermonuploader.model.CheckOutcome;
import org.sermonuploader.model.RecordingCheck;

/**
 * The last read-back check of each stored recording, and when the last check of everything ran,
 * kept in the journal's file beside the history so they survive a restart. The tables are added to
 * a journal that does not have them yet when it is first opened here; the rest of the journal does
 * not read them, so an older version of the app still opens the file.
 */
public final class Checks implements AutoCloseable {
  private final Connection db;

  private Checks(Connection db) {
    this.db = db;
  }

  /** Opens the checks of {@code journal}'s file; its own connection, closed with this. */
  public static Checks open(Journal journal) throws JournalException {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal.file().toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS checks (key TEXT NOT NULL, destination TEXT NOT NULL,"
                + " outcome TEXT NOT NULL, detail TEXT, checked_at INTEGER NOT NULL,"
                + " PRIMARY KEY (key, destination))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS check_runs (name TEXT PRIMARY KEY, at INTEGER NOT NULL)");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new Checks(c);
    } catch (SQLException e) {
      throw new JournalException("The record of checks could not be opened: " + e.getMessage(), e);
    }
  }

  /** Keeps {@code c} as the last check of its recording, replacing an earlier one. */
  public synchronized void record(RecordingCheck c) throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO checks (key, destination, outcome, detail, checked_at)"
                + " VALUES (?,?,?,?,?)")) {
      p.setString(1, c.key());
      p.setString(2, c.destination());
      p.setString(3, c.outcome().name());
      p.setString(4, c.detail());
      p.setLong(5, c.checkedAt().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new JournalException("A check could not be recorded: " + e.getMessage(), e);
    }
  }

  /**
   * The last check of each recording; one a newer version wrote, with an outcome not known here, is
   * left out.
   */
  public synchronized List<RecordingCheck> all() throws JournalException {
    List<RecordingCheck> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM checks")) {
      while (rs.next()) {
        CheckOutcome outcome;
        try {
          outcome = CheckOutcome.valueOf(rs.getString("outcome"));
        } catch (IllegalArgumentException e) {
          continue;
        }
        out.add(
            new RecordingCheck(
                rs.getString("key"),
                rs.getString("destination"),
                outcome,
                rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("checked_at"))));
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException("The checks could not be read: " + e.getMessage(), e);
    }
  }

  /** When the run named {@code name} (e.g. the scheduled verify) last finished. */
  public synchronized Optional<Instant> lastRun(String name) throws JournalException {
    try (PreparedStatement p = db.prepareStatement("SELECT at FROM check_runs WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalException("The last check could not be read: " + e.getMessage(), e);
    }
  }

  public synchronized void ranAt(String name, Instant at) throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO check_runs (name, at) VALUES (?,?)")) {
      p.setString(1, name);
      p.setLong(2, at.toEpochMilli());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new JournalException("The check run could not be recorded: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // nothing is pending: each write above is committed on its own
    }
  }
}
