package org.sermonuploader.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sermonuploader.engine.S3TestSupport.MIB;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sermonuploader.cli.Cli;
import org.sermonuploader.engine.S3TestSupport;
import org.sermonuploader.engine.s3.EmbeddedStore;
import org.sermonuploader.journal.Journal;

/**
 * A journal this user may not write (a read-only file or folder, as after a run with sudo) is not
 * damaged: it stays where it is with its history, and the CLI says which file and how to fix it,
 * exit 2, with no stack trace. The data folder is kept to its owner: 0700, its files 0600.
 *
 * <p>Root may write any file whatever its mode, so as root the app runs in a child JVM without the
 * capabilities that allow that (setpriv), as a volunteer's own account would run it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JournalPermissionsTest {
  private static final List<String> NO_OVERRIDE =
      List.of(
          "setpriv",
          "--bounding-set",
          "-dac_override,-dac_read_search",
          "--inh-caps",
          "-all",
          "--");

  @TempDir Path tmp;
  EmbeddedStore store;
  Map<String, String> env;
  Path home;
  Path recording;

  record Result(int code, String out) {}

  @BeforeEach
  void start() throws Exception {
    store = S3TestSupport.startStore(tmp.resolve("store"));
    home = tmp.resolve("home");
    env = S3TestSupport.putAppEnv(new HashMap<>(), home, store.endpoint());
    recording = S3TestSupport.randomFile(tmp, "evening prayer.wav", 6 * MIB, 9);
  }

  @AfterEach
  void stop() throws Exception {
    try (Stream<Path> all = Files.walk(home)) {
      all.forEach(p -> p.toFile().setWritable(true, true)); // so @TempDir can clean up
    }
    store.stop();
  }

  private Result inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, env, ps, ps);
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  /** The real app in a child JVM, as a user who can't write past file modes. */
  private Result asUser(String... args) throws Exception {
    return child(wrapper(), args);
  }

  private Result child(List<String> wrapper, String... args) throws Exception {
    Path log = Files.createTempFile(tmp, "child", ".log");
    Process p =
        ChildProcess.startUnder(wrapper, List.of("-Xmx128m", "-XX:+UseSerialGC"), env, log, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ended");
    return new Result(p.exitValue(), Files.readString(log));
  }

  private List<String> wrapper() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) return List.of();
    // the check must not pass just because root writes anyway: prove the wrapper takes that away
    Path probe = Files.writeString(tmp.resolve("probe"), "x");
    probe.toFile().setWritable(false, false);
    List<String> cmd = new java.util.ArrayList<>(NO_OVERRIDE);
    cmd.addAll(List.of("sh", "-c", "echo y >> '" + probe + "'"));
    int code;
    try {
      code = new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      code = 0;
    }
    Assumptions.assumeTrue(code != 0, "setpriv can't drop root's override of file modes here");
    return NO_OVERRIDE;
  }

  private String sha256(Path f) throws Exception {
    return S3TestSupport.sha256(f);
  }

  private void assertLeftInPlaceWithItsHistory(String journalSha) throws Exception {
    assertEquals(journalSha, sha256(home.resolve(Journal.FILE_NAME)), "the journal is untouched");
    try (Stream<Path> files = Files.list(home)) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().contains("damaged")),
          "nothing was set aside as damaged");
    }
  }

  private static void assertPlainMessage(Result r, String blocked) {
    assertEquals(Cli.USAGE, r.code(), r.out());
    assertTrue(r.out().contains("can't be written: " + blocked), r.out());
    assertTrue(r.out().contains("It was left as it is, with its history."), r.out());
    assertTrue(r.out().contains("sudo chown -R $USER"), r.out());
    assertFalse(r.out().contains("\tat ") || r.out().contains("Exception"), "no stack trace");
    assertFalse(r.out().contains("damaged"), r.out());
  }

  private void uploadOnce() {
    Result first = inProcess("upload", recording.toString());
    assertEquals(Cli.OK, first.code(), first.out());
  }

  @Test
  void aReadOnlyJournalIsNotDamagedStatusAndUploadSaySoAndKeepTheHistory() throws Exception {
    uploadOnce();
    Path journal = home.resolve(Journal.FILE_NAME);
    String before = sha256(journal);
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("r--r--r--"));

    assertPlainMessage(asUser("status"), journal + " is read-only");
    assertPlainMessage(asUser("upload", recording.toString()), journal + " is read-only");
    assertLeftInPlaceWithItsHistory(before);

    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
    Result status = inProcess("status");
    assertTrue(status.out().contains("evening prayer.wav") && status.out().contains("done"));
    Result again = inProcess("upload", recording.toString());
    assertTrue(again.out().contains("already there"), "no \" (2)\" copy: " + again.out());
  }

  @Test
  void aReadOnlyDataFolderIsNotDamagedAndNoStackTraceReachesTheConsole() throws Exception {
    uploadOnce();
    String before = sha256(home.resolve(Journal.FILE_NAME));
    try (Stream<Path> all = Files.walk(home)) {
      all.forEach(p -> p.toFile().setWritable(false, false));
    }

    assertPlainMessage(asUser("status"), home + " is read-only");
    assertPlainMessage(asUser("upload", recording.toString()), home + " is read-only");
    assertLeftInPlaceWithItsHistory(before);
  }

  @Test
  void theDataFolderIsKeptToItsOwnerAndOlderInstallsAreTightened() throws Exception {
    // as an older version left it: everything readable by everyone
    Files.createDirectories(home.resolve("logs"));
    Journal.open(home).close();
    Files.writeString(home.resolve("logs/sermon-uploader.log"), "an older log\n");
    Files.createFile(home.resolve("journal.db-wal"));
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }

    Result r = child(List.of(), "upload", recording.toString());
    assertEquals(Cli.OK, r.code(), r.out());

    assertEquals("rwx------", mode(home));
    assertEquals("rwx------", mode(home.resolve("logs")));
    assertEquals("rw-------", mode(home.resolve("journal.db")));
    assertEquals("rw-------", mode(home.resolve("logs/sermon-uploader.log")));
    try (Journal open = Journal.open(home)) {
      open.history(); // an open journal in WAL mode has its -wal and -shm files
      for (String side : List.of("journal.db-wal", "journal.db-shm")) {
        assertEquals("rw-------", mode(home.resolve(side)), side);
      }
    }
    assertNotEquals(
        "an older log\n",
        Files.readString(home.resolve("logs/sermon-uploader.log")),
        "the app logs into the tightened file");
  }

  @Test
  void aNewDataFolderStartsOwnerOnly() throws Exception {
    uploadOnce();
    assertEquals("rwx------", mode(home));
    assertEquals("rw-------", mode(home.resolve("journal.db")));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
