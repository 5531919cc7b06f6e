package org.sermonuploader.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** docs/monitoring's alert rules load in Prometheus and fire when they should (promtool). */
class MonitoringRulesTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Path DIR = Path.of("docs", "monitoring");

  private static String promtool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = PROMTOOL.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), said);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + said);
    return said;
  }

  @Test
  void theRulesLoadAndTheirTestsPass() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(PROMTOOL), "promtool (Debian's prometheus package) is not installed");
    assertTrue(promtool("check", "rules", "sermon-uploader-rules.yml").contains("4 rules found"));
    assertTrue(promtool("test", "rules", "sermon-uploader-rules.test.yml").contains("SUCCESS"));
  }
}
