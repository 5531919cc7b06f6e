package org.sermonuploader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.sermonuploader.app.ListStations;
import org.sermonuploader.config.Settings;
import org.sermonuploader.model.StationReport;
import org.sermonuploader.model.StationView;
import org.sermonuploader.model.StationWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "stations",
    mixinStandardHelpOptions = true,
    description = {
      "List every station that reports into the bucket: its state, what it is uploading, when it"
          + " was last seen (by the server's clock) and its last recording.",
      "A station not heard from for 10 minutes, though it never said it stopped, is stale.",
      "Exit codes: 0 all is well, 1 a station is paused for low memory, failing, stale,"
          + " shares its name with another, or its expected recording (EXPECT_UPLOAD) has not"
          + " arrived, 2 usage or configuration error."
    })
final class StationsCommand extends EnvironmentCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--json", description = "Print the stations as JSON, for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Settings> read = options.settingsOrSay(env, err);
    if (read.isEmpty()) return Cli.USAGE;
    ListStations.Result r =
        new ListStations(Clock.systemUTC()).run(read.get(), options.dataDir(env));
    r.notices().forEach(n -> err.println("Note: " + n));
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)));
    } else {
      table(r, out);
    }
    out.flush();
    return r.anyProblem() ? Cli.FAILED : Cli.OK;
  }

  private static ObjectNode json(ListStations.Result r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("readMillis", r.took().toMillis());
    ArrayNode list = root.putArray("stations");
    for (StationView v : r.stations()) {
      ObjectNode o = ListStations.json(v);
      o.put("lastSeen", v.lastSeen().toString());
      o.put("secondsSinceSeen", v.sinceSeen().toSeconds());
      o.put("stale", v.stale());
      o.put("problem", v.problem());
      o.put("words", v.words());
      o.put("thisStation", r.isSelf(v));
      v.missed()
          .ifPresent(
              m ->
                  o.putObject("missed")
                      .put("from", m.from().toOffsetDateTime().toString())
                      .put("by", m.by().toOffsetDateTime().toString()));
      list.add(o);
    }
    return root;
  }

  private static void table(ListStations.Result r, PrintWriter out) {
    if (r.stations().isEmpty()) {
      out.println("No station reports into this bucket yet.");
    }
    for (StationView v : r.stations()) {
      StationReport.Activity a = v.report().activity();
      out.println(
          TerminalText.safe(v.name())
              + (r.isSelf(v) ? " (this station)" : "")
              + ": "
              + v.words()
              + " · "
              + StationWords.seen(v, ZoneId.systemDefault())
              + (a.queueLength() > 0 ? " · " + a.queueLength() + " in the queue" : ""));
      for (StationReport.Upload u : a.uploads()) {
        out.println("    uploading " + TerminalText.safe(u.name()) + " " + u.percent() + "%");
      }
      StationWords.lastRecording(v)
          .ifPresent(
              f ->
                  out.println(
                      "    last recording: "
                          + TerminalText.safe(f.name())
                          + " "
                          + StationWords.finished(f, ZoneId.systemDefault())));
      if (v.report().duplicate() != null) {
        out.println("    " + TerminalText.safe(v.report().duplicate()));
      }
      v.missed()
          .ifPresent(
              m -> out.println("    " + TerminalText.safe(StationWords.missed(v.name(), m))));
    }
    out.println(
        r.stations().size()
            + (r.stations().size() == 1 ? " station" : " stations")
            + ", read in "
            + r.took().toMillis()
            + " ms");
    List<String> trouble =
        r.stations().stream().filter(StationView::problem).map(StationView::name).toList();
    if (!trouble.isEmpty()) {
      out.println("Needs looking at: " + TerminalText.safe(String.join(", ", trouble)));
    }
  }
}
