package org.sermonuploader.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Settings;
import org.sermonuploader.engine.Transfer;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.ConnectionReport.Check.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the destination of settings not yet saved, built exactly as uploads will build it: for S3
 * server reachable, credentials, bucket, write allowed; for tus server reachable, token, chunks,
 * write allowed. Slow: run it off the FX thread.
 */
public final class CheckConnection {
  private static final Logger log = LoggerFactory.getLogger(CheckConnection.class);

  private CheckConnection() {}

  /**
   * The answers of the destination; a failure to reach or build it is one failed SERVER check.
   *
   * @throws InvalidSettingException naming the setting that keeps the destination from being built
   */
  public static ConnectionReport check(Settings s) {
    Path scratch = null;
    try {
      // tus keeps its upload addresses in a file: a trial must not touch the real one
      scratch = Files.createTempDirectory("sermon-uploader-check");
      try (Transfer t = Destinations.open(s, scratch, new ArrayList<>()).transfer()) {
        return t.check();
      }
    } catch (UploadException e) {
      return serverFailed(e.describe());
    } catch (InvalidSettingException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      log.warn("Test connection failed", e);
      return serverFailed(String.valueOf(e.getMessage()));
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static ConnectionReport serverFailed(String message) {
    return new ConnectionReport(List.of(new ConnectionReport.Check(Kind.SERVER, false, message)));
  }

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator)
        Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("Could not remove {}: {}", dir, e.toString());
    }
  }
}
