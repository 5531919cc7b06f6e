package org.sermonuploader.stations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.app.UploadService;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.config.SettingsStore;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.memory.PressureGate;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.StationState;
import org.sermonuploader.model.UploadExpectation;

/** `sermon-uploader stations` over real stations uploading into one S3Proxy bucket at once. */
class StationsCommandTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  final List<UploadService> services = new ArrayList<>();

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
  }

  @AfterEach
  void stop() {
    services.forEach(UploadService::close);
    store.close();
  }

  private Map<String, String> env(Path home, String station) {
    Map<String, String> env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    env.put("STATION_NAME", station);
    env.put("BANDWIDTH_LIMIT", "100K"); // 2 MiB take about 20 s: they are still uploading
    return env;
  }

  private Result stations(String... more) {
    Path home = tmp.resolve("viewer");
    String[] args = new String[more.length + 1];
    args[0] = "stations";
    System.arraycopy(more, 0, args, 1, more.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            env(home, "viewer"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private UploadService uploading(String station, List<String> told) throws Exception {
    Path home = Files.createDirectories(tmp.resolve(station));
    UploadService s =
        UploadService.builder(new SettingsStore(home).load(env(home, station)), home)
            .gateOnly(PressureGate.NEVER_PRESSED)
            .open();
    services.add(s);
    s.start(told::add);
    Path file = S3TestSupport.randomFile(home, station + ".wav", 2 * S3TestSupport.MIB, 7);
    s.engine().add(file, SermonDetails.NONE);
    return s;
  }

  @Test
  void threeStationsUploadingAtOnceAreListedStoppedOneSaysSoAStaleOneIsStale() throws Exception {
    List<String> told = new CopyOnWriteArrayList<>();
    UploadService north = uploading("North campus", told);
    uploading("South campus", told);
    uploading("Main hall", told);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              String out = stations().out();
              return out.contains("North campus: uploading")
                  && out.contains("South campus: uploading")
                  && out.contains("Main hall: uploading");
            });
    Result r = stations();
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("    uploading Main hall.wav "), r.out());
    assertTrue(r.out().contains("3 stations, read in "), r.out());
    assertEquals(List.of(), told, "nobody shares a name");

    north.close();
    Result after = stations();
    assertTrue(after.out().contains("North campus: stopped · seen just now"), after.out());
    assertEquals(0, after.code(), "a stopped station is no problem: " + after.out());

    // a station killed an hour ago: its heartbeat was last written then
    simulated("West campus");
    Path file =
        store
            .root()
            .resolve(S3TestSupport.BUCKET)
            .resolve(StationKeys.PREFIX + ReservedKeys.segment("West campus") + ".json");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
    Result stale = stations();
    assertTrue(
        stale.out().contains("West campus: not heard from (last: uploading) · seen 1 h ago"),
        stale.out());
    assertEquals(1, stale.code(), stale.out());

    JsonNode json = new ObjectMapper().readTree(stations("--json").out());
    JsonNode west = json.path("stations").get(3);
    assertEquals("West campus", west.path("name").asText());
    assertTrue(west.path("stale").asBoolean());
    assertTrue(west.path("secondsSinceSeen").asLong() >= 3600, west.toString());
  }

  @Test
  void fiftyStationsAreReadInUnderASecond() throws Exception {
    for (int i = 1; i <= 50; i++) simulated("Station " + i);
    Result r = stations("--json");
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(50, json.path("stations").size());
    long ms = json.path("readMillis").asLong();
    System.out.println("stations: 50 heartbeats read in " + ms + " ms");
    assertTrue(ms < 1000, ms + " ms");
  }

  @Test
  void aStationWhoseExpectedRecordingHasNotArrivedIsNamedAndThisStationIsMarked() throws Exception {
    // every day by 00:00 (UTC), and never a recording: missed whenever the test runs
    simulated(
        "North campus",
        StationState.IDLE,
        new UploadExpectation("00:00", Duration.ofHours(12), ZoneOffset.UTC));
    simulated("viewer", StationState.IDLE, null);
    Result r = stations();
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("\nviewer (this station): idle · seen just now\n"), r.out());
    assertTrue(r.out().startsWith("North campus: idle · seen just now\n"), r.out());
    assertTrue(
        r.out().contains("    No recording from North campus since "), "not named: " + r.out());
    assertTrue(r.out().contains(" 12:00; one was expected by "), r.out());
    assertTrue(r.out().endsWith("Needs looking at: North campus\n"), r.out());

    JsonNode json = new ObjectMapper().readTree(stations("--json").out());
    JsonNode north = json.path("stations").get(0);
    assertEquals("North campus", north.path("name").asText());
    assertTrue(north.path("problem").asBoolean());
    assertTrue(north.path("missed").path("by").asText().endsWith("T00:00Z"), north.toString());
    assertEquals("00:00", north.path("expectUpload").asText());
    assertTrue(json.path("stations").get(1).path("thisStation").asBoolean());
  }

  /** A station that wrote one heartbeat while uploading, as a real one would. */
  private void simulated(String name) throws Exception {
    simulated(name, StationState.UPLOADING, null);
  }

  private void simulated(String name, StationState state, @Nullable UploadExpectation expect)
      throws Exception {
    try (S3Transfer s3 = StationFixtures.transfer(store)) {
      StationFixtures.SetFacts facts = new StationFixtures.SetFacts();
      facts.state = state;
      new Heartbeat(
              StationFixtures.stationStore(s3),
              new Heartbeat.Identity(name, "test", "host-a", "/data/" + name, expect),
              facts,
              Clock.systemUTC(),
              Heartbeat.Timing.DEFAULT,
              line -> {})
          .tick();
    }
  }
}
