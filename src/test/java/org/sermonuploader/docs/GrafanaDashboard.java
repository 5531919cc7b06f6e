package org.sermonuploader.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/monitoring/grafana-dashboard.json as the tests read it: its panels' PromQL queries. */
public final class GrafanaDashboard {
  public static final Path FILE = Path.of("docs", "monitoring", "grafana-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bsermon_uploader_[a-z_]+\\b");

  private GrafanaDashboard() {}

  public static JsonNode read() throws IOException {
    return new ObjectMapper().readTree(FILE.toFile());
  }

  /** Every query of every panel, with $instance left to match every station. */
  public static List<String> queries() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : read().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText().replace("$instance", ".*"));
      }
    }
    return out;
  }

  /** The series the queries name, as /metrics writes them (e.g. ..._total, ..._bucket). */
  public static Set<String> metricsNamed() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String q : queries()) {
      Matcher m = METRIC.matcher(q);
      while (m.find()) names.add(m.group());
    }
    String variable = read().path("templating").path("list").get(1).path("definition").asText();
    Matcher m = METRIC.matcher(variable);
    while (m.find()) names.add(m.group());
    return names;
  }
}
