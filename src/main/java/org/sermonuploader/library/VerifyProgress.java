package org.sermonuploader.library;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sermonuploader.model.CheckOutcome;

/**
 * The checks a verify run has finished, one line each, written as each one ends. Its first line
 * names the request (the names given, or all), so only a run asking the same continues from it.
 */
final class VerifyProgress implements AutoCloseable {
  private final Path file;
  private final Map<String, Verifier.Result> earlier;
  private final BufferedWriter out;

  private VerifyProgress(Path file, Map<String, Verifier.Result> earlier, BufferedWriter out) {
    this.file = file;
    this.earlier = earlier;
    this.out = out;
  }

  static VerifyProgress open(Path file, String request) throws IOException {
    String head = "request\t" + escape(request);
    Map<String, Verifier.Result> earlier = new HashMap<>();
    if (Files.isRegularFile(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).equals(head)) {
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split("\t", -1);
          // a line cut short by a crash has fewer fields: that check runs again
          if (f.length != 3) continue;
          try {
            CheckOutcome o = CheckOutcome.valueOf(f[0]);
            String key = unescape(f[1]);
            earlier.put(key, new Verifier.Result(key, o, unescape(f[2]), true));
          } catch (IllegalArgumentException e) {
            // not a line this version wrote: check that recording again
          }
        }
      } else {
        Files.delete(file);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (Files.size(file) == 0) {
      out.write(head);
      out.newLine();
      out.flush();
    }
    return new VerifyProgress(file, earlier, out);
  }

  Optional<Verifier.Result> earlier(String key) {
    return Optional.ofNullable(earlier.get(key));
  }

  void record(Verifier.Result r) throws IOException {
    out.write(
        r.outcome().name()
            + "\t"
            + escape(r.key())
            + "\t"
            + escape(r.detail() == null ? "" : r.detail()));
    out.newLine();
    out.flush();
  }

  /** The run is complete: the next one starts from the beginning. */
  void finished() throws IOException {
    out.close();
    Files.deleteIfExists(file);
  }

  /** Keeps what was recorded; a run that ends early continues from it next time. */
  @Override
  public void close() throws IOException {
    out.close();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
