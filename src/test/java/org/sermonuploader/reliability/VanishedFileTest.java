package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.Await;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.engine.s3.S3Transfer;
import org.sermonuploader.engine.s3.ServerUpload;

/**
 * A queued recording disappears while another one uploads. From the hard disk it was deleted or
 * moved: that job fails with the reason and the run ends. From a USB stick it was pulled: the job
 * waits for the stick, `upload` ends saying how to continue, and `cancel` can give up on it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VanishedFileTest {
  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;
  Map<String, String> env;
  Path media;
  // its own threads: a run that never ends (the old behaviour) must not hold up the next one
  final ExecutorService runs = Executors.newCachedThreadPool();

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    media = Files.createDirectories(tmp.resolve("media"));
    env = S3TestSupport.putAppEnv(new HashMap<>(), tmp.resolve("home"), proxy.endpoint());
    env.put("PART_SIZE", "5MiB");
    env.put("USB_MOUNT_ROOTS", media.toString());
  }

  @AfterEach
  void stop() throws Exception {
    runs.shutdownNow();
    proxy.close();
    store.stop();
  }

  private Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs `upload` with the second part of {@code held} held at the server's door, runs {@code
   * meanwhile} once it is held, lets it go, and returns what the command ended with.
   */
  private Result uploadWhile(String held, Runnable meanwhile, Path... files) throws Exception {
    proxy.holdRequest = line -> line.contains(held) && line.contains("partNumber=2");
    String[] args = new String[files.length + 2];
    args[0] = "upload";
    args[1] = "--wait-for-server=0";
    for (int i = 0; i < files.length; i++) args[i + 2] = files[i].toString();
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> cli(args), runs);
    Await.until(
        "the second part of " + held + " reached the server",
        () -> proxy.requestLines.stream().anyMatch(proxy.holdRequest));
    meanwhile.run();
    proxy.holdRequest = line -> false;
    // before the fix the run never ended: the get times out
    return run.get(60, TimeUnit.SECONDS);
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<ServerUpload> unfinishedOnServer() throws Exception {
    try (S3Transfer t = S3TestSupport.transfer(store)) {
      return t.unfinishedUploads("");
    }
  }

  @Test
  void aQueuedFileDeletedFromTheDiskFailsWithTheReasonAndTheRunEnds() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("recordings"));
    Path big = S3TestSupport.randomFile(disk, "big.wav", 15 * MIB, 1);
    Path small = S3TestSupport.randomFile(disk, "small.wav", 7 * MIB, 2);

    Result r = uploadWhile("big.wav", () -> move(small, tmp.resolve("elsewhere.wav")), big, small);

    assertEquals(Cli.FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED  small.wav: The file was deleted or moved."), r.out());
    assertFalse(r.out().contains("USB stick"), "it was never on a stick: " + r.out());
    assertTrue(r.out().contains("1 uploaded or already there, 1 failed."), r.out());
    assertEquals(S3TestSupport.sha256(big), S3TestSupport.downloadSha256(store, "big.wav"));

    Result resume =
        CompletableFuture.supplyAsync(() -> cli("resume"), runs).get(60, TimeUnit.SECONDS);
    assertFalse(resume.out().contains("waiting"), resume.out());
  }

  @Test
  void aFileDeletedMidUploadFailsAndLeavesNoUnfinishedUploadBehind() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("recordings"));
    Path big = S3TestSupport.randomFile(disk, "big.wav", 15 * MIB, 1);

    Result r =
        uploadWhile(
            "big.wav",
            () -> {
              try {
                assertEquals(1, unfinishedOnServer().size(), "the upload has begun");
              } catch (Exception e) {
                throw new AssertionError(e);
              }
              move(big, tmp.resolve("elsewhere.wav"));
            },
            big);

    assertEquals(Cli.FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAILED  big.wav: The file was deleted or moved."), r.out());
    assertEquals(List.of(), unfinishedOnServer(), "the half-sent upload was removed");
  }

  @Test
  void aPulledStickMakesItsJobWaitAndUploadEndsSayingHowToContinue() throws Exception {
    Path stick = media.resolve("STICK");
    Path rec = S3TestSupport.randomFile(stick, "REC0001.wav", 15 * MIB, 3);
    String sha = S3TestSupport.sha256(rec);
    Path pulled = tmp.resolve("pulled");

    Result r = uploadWhile("REC0001.wav", () -> move(stick, pulled), rec);

    assertEquals(Cli.FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("0 uploaded or already there, 0 failed, 1 waiting"), r.out());
    assertTrue(r.out().contains("REC0001.wav (ID 1): its USB stick was removed"), r.out());
    assertTrue(r.out().contains("run `sermon-uploader resume` to continue"), r.out());
    assertTrue(cli("status").out().contains("waiting for the file"));

    move(pulled, stick);
    Result resume =
        CompletableFuture.supplyAsync(() -> cli("resume"), runs).get(60, TimeUnit.SECONDS);
    assertEquals(Cli.OK, resume.code(), resume.out() + resume.err());
    assertEquals(sha, S3TestSupport.downloadSha256(store, "REC0001.wav"));
    assertEquals(3, proxy.partRequests(), "the parts sent before the pull were kept");
  }

  @Test
  void cancelRemovesTheJobAndItsUnfinishedUploadOnTheServer() throws Exception {
    Path stick = media.resolve("STICK");
    Path rec = S3TestSupport.randomFile(stick, "REC0002.wav", 15 * MIB, 4);
    uploadWhile("REC0002.wav", () -> move(stick, tmp.resolve("pulled")), rec);
    assertEquals(1, unfinishedOnServer().size(), "the half-sent upload waits on the server");

    Result cancel = cli("cancel", "REC0002.wav");

    assertEquals(Cli.OK, cancel.code(), cancel.out() + cancel.err());
    assertTrue(cancel.out().contains("cancelled  REC0002.wav (ID 1)"), cancel.out());
    assertEquals(List.of(), unfinishedOnServer(), "the unfinished upload is gone");
    assertFalse(cli("status").out().contains("REC0002.wav"), "the job left the list");
    Result resume =
        CompletableFuture.supplyAsync(() -> cli("resume"), runs).get(60, TimeUnit.SECONDS);
    assertEquals(Cli.OK, resume.code(), resume.out() + resume.err());

    Result again = cli("cancel", "REC0002.wav");
    assertEquals(Cli.USAGE, again.code(), again.out() + again.err());
    assertTrue(again.err().contains("no unfinished upload has the ID or file name"), again.err());
    assertEquals(Cli.USAGE, cli("cancel", "42").code());
  }

  @Test
  void cancelByANameTwoJobsShareListsThemAndCancelsNeither() throws Exception {
    Path a = S3TestSupport.randomFile(media.resolve("A"), "REC.wav", 15 * MIB, 5);
    Path b = S3TestSupport.randomFile(media.resolve("B"), "REC.wav", 6 * MIB, 6);
    uploadWhile(
        "REC.wav",
        () -> {
          move(media.resolve("A"), tmp.resolve("A"));
          move(media.resolve("B"), tmp.resolve("B"));
        },
        a,
        b);

    Result cancel = cli("cancel", "REC.wav");

    assertEquals(Cli.USAGE, cancel.code(), cancel.out() + cancel.err());
    assertTrue(cancel.err().contains("2 uploads are called 'REC.wav'"), cancel.err());
    assertTrue(cancel.err().contains("ID 1 ") && cancel.err().contains("ID 2 "), cancel.err());
    assertTrue(cancel.err().contains(a.toString()) && cancel.err().contains(b.toString()));
    assertEquals(2, count(cli("status").out(), "waiting for the file"), "both jobs stay");

    assertEquals(Cli.OK, cli("cancel", "2").code());
    assertEquals(1, count(cli("status").out(), "waiting for the file"));
  }

  @Test
  void cancelIsRefusedWhileTheAppRunsOnTheSameDataFolder() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("recordings"));
    Path big = S3TestSupport.randomFile(disk, "held.wav", 15 * MIB, 7);
    proxy.holdRequest = line -> line.contains("held.wav") && line.contains("partNumber=2");
    Process app =
        ChildProcess.start(
            env, tmp.resolve("child.log"), "upload", "--wait-for-server=0", big.toString());
    try {
      Await.until(
          "the other process is uploading",
          () -> proxy.requestLines.stream().anyMatch(proxy.holdRequest));

      Result cancel = cli("cancel", "held.wav");

      assertEquals(Cli.FAILED, cancel.code(), cancel.out() + cancel.err());
      assertTrue(cancel.err().contains("Sermon Uploader is running with this data folder"));
      proxy.holdRequest = line -> false;
      assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the other upload went on");
      assertEquals(0, app.exitValue(), Files.readString(tmp.resolve("child.log")));
      assertEquals(S3TestSupport.sha256(big), S3TestSupport.downloadSha256(store, "held.wav"));
    } finally {
      app.destroyForcibly();
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
    return n;
  }
}
