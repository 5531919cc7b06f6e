package org.sermonuploader.journal;

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
 * kept in the journal's file beside the history so they survive a restart. Written through the
 * journal's one connection, under its lock; each write is committed on its own.
 */
public final class Checks {
  private final Journal journal;
  private final JournalConnection db;

  Checks(Journal journal, JournalConnection db) {
    this.journal = journal;
    this.db = db;
  }

  /** Keeps {@code c} as the last check of its recording, replacing an earlier one. */
  public void record(RecordingCheck c) throws JournalException {
    synchronized (journal) {
      try (PreparedStatement p =
          db.prepare(
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
  }

  /**
   * The last check of each recording; one a newer version wrote, with an outcome not known here, is
   * left out.
   */
  public List<RecordingCheck> all() throws JournalException {
    List<RecordingCheck> out = new ArrayList<>();
    synchronized (journal) {
      try (Statement s = db.statement();
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
  }

  /** When the run named {@code name} (e.g. the scheduled verify) last finished. */
  public Optional<Instant> lastRun(String name) throws JournalException {
    synchronized (journal) {
      try (PreparedStatement p = db.prepare("SELECT at FROM check_runs WHERE name = ?")) {
        p.setString(1, name);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new JournalException("The last check could not be read: " + e.getMessage(), e);
      }
    }
  }

  public void ranAt(String name, Instant at) throws JournalException {
    synchronized (journal) {
      try (PreparedStatement p =
          db.prepare("INSERT OR REPLACE INTO check_runs (name, at) VALUES (?,?)")) {
        p.setString(1, name);
        p.setLong(2, at.toEpochMilli());
        p.executeUpdate();
      } catch (SQLException e) {
        throw new JournalException("The check run could not be recorded: " + e.getMessage(), e);
      }
    }
  }
}
