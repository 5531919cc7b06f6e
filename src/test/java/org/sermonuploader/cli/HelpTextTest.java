package org.sermonuploader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command list of `--help` shows only the first line of each command's description: no line of
 * any description may stop mid-sentence, or a volunteer reads "remove it from the list and".
 */
class HelpTextTest {
  /** A line that ends a sentence: a full stop, a closing bracket or quote, or a colon. */
  private static final Pattern WHOLE = Pattern.compile(".*[.)\":!?]$");

  private static final Pattern MID_SENTENCE =
      Pattern.compile("(?i).*(\\b(and|or|the|a|an|of|to|with|that|by|for)|[,;(])$");

  private static void check(String where, String line, List<String> bad) {
    String l = line.strip();
    if (l.isEmpty()) return;
    if (!WHOLE.matcher(l).matches() || MID_SENTENCE.matcher(l).matches()) {
      bad.add(where + ": " + l);
    }
  }

  private static void checkCommand(CommandLine cl, List<String> bad) {
    CommandSpec spec = cl.getCommandSpec();
    String name = spec.qualifiedName();
    for (String line : spec.usageMessage().description()) check(name, line, bad);
    for (ArgSpec arg : spec.args()) {
      for (String line : arg.description()) check(name + " " + arg.paramLabel(), line, bad);
    }
    for (CommandLine sub : cl.getSubcommands().values()) checkCommand(sub, bad);
  }

  @Test
  void noDescriptionLineOfAnyCommandEndsMidSentence() {
    List<String> bad = new ArrayList<>();
    checkCommand(new CommandLine(new Cli()), bad);
    assertTrue(bad.isEmpty(), "help lines that stop mid-sentence:\n" + String.join("\n", bad));
  }

  @Test
  void theCommandListShowsWholeSentences() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.run(
            new String[] {"--help"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        help.contains("cancel    Give up on an upload that is not finished, or that failed."),
        help);
    // each command's entry, its lines wrapped at 80 columns joined again
    List<String> entries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : help.lines().toList()) {
      if (line.startsWith("Commands:")) inCommands = true;
      else if (inCommands && line.isBlank()) break;
      else if (inCommands && line.matches("  \\S.*")) entries.add(line.strip());
      else if (inCommands && !entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    int commands =
        Cli.commandLine(Map.of(), new PrintStream(new ByteArrayOutputStream()), System.err)
            .getSubcommands()
            .size();
    assertEquals(commands, entries.size(), help);
    List<String> bad = new ArrayList<>();
    for (String entry : entries) check("--help", entry, bad);
    assertTrue(bad.isEmpty(), String.join("\n", bad) + "\n" + help);
  }
}
