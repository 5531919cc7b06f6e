package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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

/**
 * SIGTERM (systemd, kill) and Ctrl-C during a CLI upload: one line saying how to go on, the journal
 * closed cleanly, the shell's usual exit code; then `resume` finishes the recording.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StopSignalTest {
  static final String STOPPED = "Stopped. Run `sermon-uploader resume` to continue.";

  @TempDir Path tmp;
  EmbeddedStore store;
  FaultProxy proxy;
  Map<String, String> env;
  Path file;
  Path home;

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    proxy = new FaultProxy(store.port());
    proxy.throttle = 20L * MIB; // about a quarter second a part: the signal comes mid-upload
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, proxy.endpoint());
    env.put("PART_SIZE", "5MiB");
    file = S3TestSupport.randomFile(tmp, "good friday.wav", 8 * 5 * MIB - 321, 7);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    store.stop();
  }

  @Test
  void sigtermStopsWithOneLineAndExit143ThenResumeFinishes() throws Exception {
    stoppedBy(this::term, 143);
  }

  @Test
  void ctrlCStopsWithOneLineAndExit130ThenResumeFinishes() throws Exception {
    // a process started in the background of a shell without job control inherits SIGINT as
    // ignored, and Java then keeps it ignored: say so rather than wait for a signal that can't come
    assumeFalse(sigintIgnored(), "SIGINT is ignored by the process that started these tests");
    stoppedBy(this::interrupt, 130);
  }

  private interface Signal {
    void send(Process p) throws Exception;
  }

  private void term(Process p) {
    p.destroy(); // SIGTERM
  }

  private void interrupt(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -INT");
  }

  private void stoppedBy(Signal signal, int expectedExit) throws Exception {
    Path log = tmp.resolve("child.log");
    Process child = ChildProcess.start(env, log, "upload", file.toString());
    Await.until(
        "a part confirmed",
        () -> {
          assertTrue(child.isAlive(), Files.readString(log));
          return ChildProcess.confirmedParts(home) >= 1;
        });
    signal.send(child);
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the app ended after the signal");
    String output = Files.readString(log);

    assertEquals(expectedExit, child.exitValue(), output);
    assertTrue(output.endsWith(STOPPED + "\n"), output);
    assertEquals(output.indexOf(STOPPED), output.lastIndexOf(STOPPED), "said once: " + output);
    assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    assertFalse(output.contains("failed."), "no summary of a run that was stopped: " + output);
    int confirmed = ChildProcess.confirmedParts(home);
    assertTrue(confirmed >= 1 && confirmed < 8, "stopped mid-upload: " + confirmed + " parts");
    Path wal = home.resolve("journal.db-wal");
    assertTrue(
        !Files.exists(wal) || Files.size(wal) == 0,
        "the journal was closed, its log written back: "
            + (Files.exists(wal) ? Files.size(wal) : 0));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(new String[] {"resume"}, env, print, print);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertEquals(
        S3TestSupport.sha256(file), S3TestSupport.downloadSha256(store, "good friday.wav"));
  }

  /** Whether this JVM (and so a child it starts) has SIGINT ignored, from /proc's SigIgn mask. */
  private static boolean sigintIgnored() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return new BigInteger(line.substring(7).trim(), 16).testBit(1); // signal 2, bit 1
      }
    }
    return false;
  }
}
