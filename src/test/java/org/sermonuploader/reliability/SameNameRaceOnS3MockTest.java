package org.sermonuploader.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.sermonuploader.engine.S3TestSupport;

/**
 * {@link SameNameRace} against Adobe S3Mock 5.2.0 as a child process: a strict emulator that keeps
 * tags, and whose abort of an unfinished upload deletes the finished object under the same key.
 * Skipped, with the reason, where no Java 21 or later is found to run it.
 */
class SameNameRaceOnS3MockTest extends SameNameRace {
  private S3MockServer server;

  @BeforeAll
  void startServer() throws Exception {
    server = S3MockServer.start(tmp.resolve("s3mock"), S3TestSupport.BUCKET);
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }

  /**
   * Not run here: S3Mock 5.2.0 checks a conditional complete apart from storing it, so two stations
   * completing in the same instant can both find the name free and both see their own object in
   * their confirming HEAD, the later one replacing the earlier (seen in 2 of 3 runs of ten rounds).
   * No client can tell that from its side; docs/reliability.md says so. The other races run here.
   */
  @Override
  @Disabled("S3Mock's conditional complete is not atomic: see docs/reliability.md")
  void twoStationsStoringDifferentRecordingsUnderOneNameBothKeepTheirs() {}

  @Override
  String endpoint() {
    return server.endpoint();
  }

  @Override
  int port() {
    return server.port();
  }
}
