package org.sermonuploader.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;

/** {@link SameNameRace} against S3Proxy, in-process on 127.0.0.1. */
class SameNameRaceTest extends SameNameRace {
  private EmbeddedStore store;

  @BeforeAll
  void startServer() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterAll
  void stopServer() {
    store.stop();
  }

  @Override
  String endpoint() {
    return store.endpoint();
  }

  @Override
  int port() {
    return store.port();
  }
}
