package org.sermonuploader.engine.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import me.desair.tus.server.upload.UploadInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.engine.JobSnapshot;
import org.sermonuploader.engine.JobState;

/** The engine uploading through TusTransfer to a real tus server on loopback. */
@Timeout(60)
class TusTransferTest {
  static final long MIB = EngineRig.MIB;

  @TempDir Path tmp;
  TusTestServer server;
  EngineRig rig;

  @BeforeEach
  void setUp() throws Exception {
    server = new TusTestServer(tmp.resolve("server"));
    rig = new EngineRig(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    server.close();
  }

  @Test
  void multiPartFileArrivesByteForByteWithMetadataAndChecksumFile() throws Exception {
    Path file = EngineRig.randomFile(tmp, "2024-05-05 Sunday.mp3", 13 * MIB + 12345, 1);
    // four parts in flight asked for: tus must still send them one after another, in order
    rig.start(server.endpoint(), Map.of(), 4);
    long id = rig.add(file);
    JobSnapshot done = rig.awaitFinished(id, 40);

    assertEquals(JobState.DONE, done.state(), done.message());
    String sha = TusTestServer.sha256(file);
    assertEquals(sha, done.sha256());
    UploadInfo stored = server.upload("2024-05-05 Sunday.mp3");
    assertEquals(Files.size(file), stored.getLength());
    assertEquals(sha, server.sha256Of(stored), "the bytes the server stored");
    Map<String, String> meta = stored.getMetadata();
    assertEquals(Long.toString(Files.size(file)), meta.get("size"));
    assertEquals("test-station", meta.get("station"));
    assertEquals("2024-05-05 Sunday.mp3", meta.get("key"));

    UploadInfo sidecar = server.upload("2024-05-05 Sunday.mp3.sha256");
    assertEquals(sha, sidecar.getMetadata().get("sha256"));
    assertEquals(sha + "  2024-05-05 Sunday.mp3\n", Files.readString(server.dataOf(sidecar)));
    assertTrue(sidecar.getMetadata().get("sha256-of").endsWith(stored.getId().toString()));

    // several PATCH requests per 5 MiB part, none above the payload size, each with a checksum
    assertTrue(server.patchSizes.size() >= 14, "PATCH requests: " + server.patchSizes);
    assertTrue(server.patchSizes.stream().allMatch(n -> n <= EngineRig.PAYLOAD), "PATCH sizes: " + server.patchSizes);
    assertEquals(server.patchSizes.size(), server.patchesWithChecksum.get());
    assertEquals(Files.size(file) + sidecar.getLength(), server.patchBodyBytes.get(), "nothing sent twice");
    assertEquals(0, rig.transfer.urlStore().size(), "fingerprints are removed once the upload is complete");
  }
}
