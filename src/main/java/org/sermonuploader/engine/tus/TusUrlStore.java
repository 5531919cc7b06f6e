package org.sermonuploader.engine.tus;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload URLs by file fingerprint, in a small SQLite file next to the journal (WAL, synchronous
 * FULL), so they survive a crash or power cut. The journal keeps each job's upload URL too; this
 * store also finds an upload when no job row knows it: a file added again as a new job, a
 * single-request file (the engine keeps no upload id for those), a journal that was moved aside. A
 * failing store never stops an upload: it only loses that shortcut, and says so in the log.
 *
 * <p>It also remembers, per endpoint, a server found to refuse PATCH, so later runs send chunks the
 * way it accepts without being refused first.
 */
public final class TusUrlStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TusUrlStore.class);

  private final Connection db;
  private final Path file;

  private TusUrlStore(Connection db, Path file) {
    this.db = db;
    this.file = file;
  }

  public static TusUrlStore open(Path file) throws IOException {
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS upload_urls (fingerprint TEXT PRIMARY KEY, url TEXT NOT NULL,"
                + " created_at INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS patch_as_post (endpoint TEXT PRIMARY KEY,"
                + " noted_at INTEGER NOT NULL)");
      }
      return new TusUrlStore(c, file);
    } catch (SQLException e) {
      throw new IOException(
          "The tus upload list " + file + " can't be opened: " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  public synchronized void set(String fingerprint, URL url) {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO upload_urls (fingerprint, url, created_at) VALUES (?,?,?)")) {
      p.setString(1, fingerprint);
      p.setString(2, url.toString());
      p.setLong(3, System.currentTimeMillis());
      p.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not remember a tus upload URL: {}", e.getMessage());
    }
  }

  public synchronized @Nullable URL get(String fingerprint) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT url FROM upload_urls WHERE fingerprint = ?")) {
      p.setString(1, fingerprint);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) return null;
        return new URI(rs.getString(1)).toURL();
      }
    } catch (SQLException
        | URISyntaxException
        | MalformedURLException
        | IllegalArgumentException e) {
      log.warn("Could not read a tus upload URL: {}", e.getMessage());
      return null;
    }
  }

  public synchronized void remove(String fingerprint) {
    run("DELETE FROM upload_urls WHERE fingerprint = ?", fingerprint);
  }

  /**
   * Forgets every fingerprint that points at this upload (it was finished, cancelled or is gone).
   */
  public synchronized void removeUrl(String url) {
    run("DELETE FROM upload_urls WHERE url = ?", url);
  }

  /** The fingerprint that points at this URL, if any. */
  public synchronized Optional<String> fingerprintOf(String url) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT fingerprint FROM upload_urls WHERE url = ?")) {
      p.setString(1, url);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      log.warn("Could not read the tus upload list: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether this endpoint was found to refuse PATCH (chunks go as POST with the override). */
  public synchronized boolean sendsPatchAsPost(String endpoint) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM patch_as_post WHERE endpoint = ?")) {
      p.setString(1, endpoint);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      log.warn("Could not read the tus upload list: {}", e.getMessage());
      return false;
    }
  }

  public synchronized void rememberPatchAsPost(String endpoint) {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO patch_as_post (endpoint, noted_at) VALUES (?,?)")) {
      p.setString(1, endpoint);
      p.setLong(2, System.currentTimeMillis());
      p.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not update the tus upload list: {}", e.getMessage());
    }
  }

  public synchronized int size() {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM upload_urls")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      return 0;
    }
  }

  private void run(String sql, String arg) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, arg);
      p.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not update the tus upload list: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      log.warn("Closing the tus upload list failed: {}", e.getMessage());
    }
  }
}
