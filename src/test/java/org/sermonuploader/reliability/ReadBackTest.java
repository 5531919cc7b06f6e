package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.library.Download;
import org.sermonuploader.library.Verifier;
import org.sermonuploader.model.CheckOutcome;

/** Reading stored recordings back: verify, download, against a real in-process S3 server. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadBackTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;
  Path home;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    env.put("PART_SIZE", "5MiB");
  }

  @AfterEach
  void stop() {
    store.stop();
  }

  record Run(int code, String text) {}

  Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, ps, ps);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  Path upload(String name, long size, long seed) throws Exception {
    Path f = S3TestSupport.randomFile(tmp, name, size, seed);
    Run r = cli("upload", f.toString());
    assertEquals(0, r.code(), r.text());
    return f;
  }

  /** Changes bytes of the stored file in place, behind the server's back (a failing disk). */
  void damage(String key) throws Exception {
    Path stored = store.root().resolve(S3TestSupport.BUCKET).resolve(key);
    assertTrue(Files.isRegularFile(stored), stored + " is where S3Proxy keeps the object");
    try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xFF);
    }
  }

  @Test
  void verifyNamesTheDamagedAndTheMissingRecordingAndExits1() throws Exception {
    upload("good.wav", 7 * MIB + 3, 1);
    upload("damaged.wav", 12 * MIB + 5, 2);
    upload("single.mp3", 300_000, 3);
    upload("gone.wav", 1000, 4);
    S3TestSupport.putObject(store, "other station.mp3", new byte[] {1, 2, 3});
    damage("damaged.wav");
    List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer webhook =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 4);
    webhook.createContext(
        "/api/webhooks/",
        ex -> {
          posts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    webhook.start();
    env.put(
        "DISCORD_WEBHOOK_URL",
        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/api/webhooks/1/token");
    S3TestSupport.client(store)
        .removeObject(
            io.minio.RemoveObjectArgs.builder()
                .bucket(S3TestSupport.BUCKET)
                .object("gone.wav")
                .build());

    Run r = cli("verify");

    assertEquals(1, r.code(), r.text());
    assertTrue(r.text().matches("(?s).*ok +good\\.wav.*"), r.text());
    assertTrue(r.text().matches("(?s).*ok +single\\.mp3.*"), r.text());
    assertTrue(r.text().matches("(?s).*differs +damaged\\.wav.*"), r.text());
    assertTrue(r.text().matches("(?s).*missing +gone\\.wav.*"), r.text());
    assertFalse(r.text().contains(".sermon-uploader/"), "markers are not recordings: " + r.text());
    assertFalse(r.text().contains("other station"), "no SHA-256 known, not named: " + r.text());
    assertTrue(
        r.text().contains("Checked 4: 2 ok, 1 differs, 1 missing, 0 no checksum known."), r.text());

    webhook.stop(0);
    assertEquals(1, posts.size(), "one post for the run: " + posts);
    assertTrue(posts.get(0).contains("Recordings differ or are missing"), posts.get(0));
    assertTrue(
        posts.get(0).contains("damaged.wav") && posts.get(0).contains("gone.wav"), posts.get(0));
    assertFalse(posts.get(0).contains("good.wav"), "only the problems are named: " + posts.get(0));

    env.remove("DISCORD_WEBHOOK_URL");
    Run good = cli("verify", "good.wav", "other station.mp3");
    assertEquals(0, good.code(), good.text());
    assertTrue(good.text().matches("(?s).*no checksum known +other station\\.mp3.*"), good.text());
  }

  @Test
  void verifyChecksOtherStationsRecordingsByTheirStoredSha256() throws Exception {
    upload("ours.wav", 6 * MIB, 5);
    // another station's history is not ours: only what the bucket records about it counts
    Files.delete(home.resolve("journal.db"));
    damage("ours.wav");

    Run r = cli("verify");

    assertEquals(1, r.code(), r.text());
    assertTrue(
        r.text().matches("(?s).*differs +ours\\.wav.*"),
        "found by listing, checked by its marker: " + r.text());
  }

  @Test
  void aStoppedVerifyContinuesWithTheRecordingsItHadNotChecked() throws Exception {
    upload("a.wav", 2 * MIB, 6);
    upload("b.wav", 2 * MIB, 7);
    upload("c.wav", 2 * MIB, 8);
    FaultProxy proxy = new FaultProxy(store.port());
    try (S3Transfer t =
        new S3Transfer(
            S3TestSupport.config(
                proxy.endpoint(),
                S3TestSupport.BUCKET,
                S3TestSupport.ACCESS,
                S3TestSupport.SECRET))) {
      List<org.sermonuploader.model.HistoryEntry> history;
      try (var j = org.sermonuploader.journal.Journal.open(home)) {
        history = j.history();
      }
      Verifier v = new Verifier(t, history);
      List<String> keys = List.of("a.wav", "b.wav", "c.wav");
      Path progress = tmp.resolve("progress.tsv");
      class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
      }
      try {
        v.run(
            keys,
            true,
            "abc",
            progress,
            new Verifier.Listener() {
              @Override
              public void reading(String key, long done, long size) {}

              @Override
              public void checked(Verifier.Result r) {
                if (r.key().equals("b.wav")) throw new Stop();
              }
            });
      } catch (Stop expected) {
        // the run stopped after two checks, as a closed laptop would
      }
      proxy.requestLines.clear();
      List<Verifier.Result> second = v.run(keys, true, "abc", progress, quiet());
      assertEquals(3, second.size());
      assertTrue(second.get(0).earlier() && second.get(1).earlier(), second.toString());
      assertFalse(second.get(2).earlier());
      assertTrue(second.stream().allMatch(x -> x.outcome() == CheckOutcome.OK));
      assertTrue(
          proxy.requestLines.stream().noneMatch(l -> l.startsWith("GET /sermons/a.wav")),
          "a.wav is not read again: " + proxy.requestLines);
      assertFalse(Files.exists(progress), "a finished run starts over next time");
    } finally {
      proxy.close();
    }
  }

  static Verifier.Listener quiet() {
    return new Verifier.Listener() {
      @Override
      public void reading(String key, long done, long size) {}

      @Override
      public void checked(Verifier.Result r) {}
    };
  }

  @Test
  void downloadContinuesAfterTheConnectionIsCut() throws Exception {
    Path f = upload("long service.wav", 24 * MIB + 11, 9);
    FaultProxy proxy = new FaultProxy(store.port());
    AtomicBoolean cut = new AtomicBoolean();
    Path target = tmp.resolve("copy.wav");
    try (S3Transfer t =
        new S3Transfer(
            S3TestSupport.config(
                proxy.endpoint(),
                S3TestSupport.BUCKET,
                S3TestSupport.ACCESS,
                S3TestSupport.SECRET))) {
      Download.Outcome o =
          Download.run(
              t,
              "long service.wav",
              target,
              null,
              (done, size) -> {
                if (done > size / 2 && !cut.getAndSet(true)) proxy.cutAll();
              });
      assertEquals(Download.Result.DONE, o.result(), o.message());
    } finally {
      proxy.close();
    }
    assertTrue(cut.get());
    assertTrue(
        proxy.requestLines.stream().filter(l -> l.startsWith("GET /sermons/long")).count() >= 2,
        "read again after the cut: " + proxy.requestLines);
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.sha256(target));
    assertFalse(Files.exists(Download.partFile(target)));
  }

  @Test
  void downloadContinuesTheLeftPartAndNamesItWhenTheSha256Differs() throws Exception {
    Path f = upload("service.wav", 11 * MIB + 1, 10);
    Path target = tmp.resolve("service copy.wav");
    byte[] start = new byte[(int) (4 * MIB)];
    try (var in = Files.newInputStream(f)) {
      in.readNBytes(start, 0, start.length);
    }
    Files.write(Download.partFile(target), start);

    Run resumed = cli("download", "service.wav", target.toString());
    assertEquals(0, resumed.code(), resumed.text());
    assertEquals(S3TestSupport.sha256(f), S3TestSupport.sha256(target));

    // a left .part that is not the start of this recording: the check catches it, nothing renamed
    Path other = tmp.resolve("other.wav");
    start[100] ^= 1;
    Files.write(Download.partFile(other), start);
    Run bad = cli("download", "service.wav", other.toString());
    assertEquals(1, bad.code(), bad.text());
    assertTrue(bad.text().contains(Download.partFile(other).toString()), bad.text());
    assertFalse(Files.exists(other));
    assertEquals(Files.size(f), Files.size(Download.partFile(other)), "continued, not restarted");
  }

  @Test
  void downloadNeverOverwritesAndSaysWhatIsMissing() throws Exception {
    upload("kept.wav", 1000, 11);
    Path existing = tmp.resolve("kept.wav");
    Files.writeString(existing, "the volunteer's own file");

    Run r = cli("download", "kept.wav", existing.toString());
    assertEquals(2, r.code(), r.text());
    assertTrue(r.text().contains("already exists"), r.text());
    assertEquals("the volunteer's own file", Files.readString(existing));

    Run missing = cli("download", "not there.wav", tmp.resolve("x.wav").toString());
    assertEquals(1, missing.code(), missing.text());
    assertTrue(missing.text().contains("not there.wav is not on the server"), missing.text());
    assertFalse(Files.exists(tmp.resolve("x.wav.part")));
  }
}
