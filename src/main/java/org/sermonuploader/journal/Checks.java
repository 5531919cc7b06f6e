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

/**
 * The last read-back check of each stored recording, and when the last check of everything ran,
 * kept in the journal's file beside the history so they survive a restart. The tables are added to
 * a journal that does not have them yet when it is first opened here; the rest of the journal does
 * not read them, so an older version of the app still opens the file.
 */
public final class Checks implements AutoCloseable {
  /** The outcome kept for a copy on this computer that was moved to the server. */
  public static final String MOVED = "MOVED";

  /**
   * One recording's last check: {@code outcome} is the name of the verifier's outcome, or {@link
   * #MOVED} for a copy on this computer that was moved to the server.
   */
  public record Check(
      String key, String destination, String outcome, String detail, Instant checkedAt) {}

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
  public synchronized void record(Check c) throws JournalException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO checks (key, destination, outcome, detail, checked_at)"
                + " VALUES (?,?,?,?,?)")) {
      p.setString(1, c.key());
      p.setString(2, c.destination());
      p.setString(3, c.outcome());
      p.setString(4, c.detail());
      p.setLong(5, c.checkedAt().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new JournalException("A check could not be recorded: " + e.getMessage(), e);
    }
  }

  public synchronized List<Check> all() throws JournalException {
    List<Check> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM checks")) {
      while (rs.next()) {
        out.add(
            new Check(
                rs.getString("key"),
                rs.getString("destination"),
                rs.getString("outcome"),
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
