package org.sermonuploader.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real app as a separate JVM, so a test can kill it with SIGKILL. */
public final class ChildProcess {
  private ChildProcess() {}

  public static Process start(Map<String, String> env, Path output, String... args)
      throws IOException {
    return start(List.of("-Xmx128m", "-XX:+UseSerialGC"), env, output, args);
  }

  static Process start(
      List<String> jvmOptions, Map<String, String> env, Path output, String... args)
      throws IOException {
    return startUnder(List.of(), jvmOptions, env, output, args);
  }

  /** The same, run by {@code wrapper} (e.g. setpriv with fewer privileges). */
  static Process startUnder(
      List<String> wrapper,
      List<String> jvmOptions,
      Map<String, String> env,
      Path output,
      String... args)
      throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", cp, "org.sermonuploader.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Parts the child's journal says the server confirmed (read beside the running writer). */
  static int confirmedParts(Path dataDir) {
    Path db = dataDir.resolve("journal.db");
    if (!db.toFile().exists()) return 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=2000");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM parts")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      return 0; // not created yet
    }
  }
}
