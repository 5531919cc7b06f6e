package org.sermonuploader.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in docs/monitoring imports as Grafana reads it: a title and uid, a
 * Prometheus data source chosen on import, and panels that each query our series. That every series
 * it names is served by /metrics is checked by MetricsScrapeTest, over a real upload.
 */
class GrafanaDashboardTest {
  @Test
  void everyPanelHasATitleAPlaceAndAQueryOfOurSeries() throws Exception {
    JsonNode d = GrafanaDashboard.read();
    assertEquals("sermon-uploader", d.path("uid").asText());
    assertEquals("Sermon Uploader", d.path("title").asText());
    assertEquals("datasource", d.path("templating").path("list").get(0).path("type").asText());
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : d.path("panels")) {
      String title = p.path("title").asText();
      assertFalse(title.isBlank(), p.toString());
      assertTrue(ids.add(p.path("id").asInt()), "two panels numbered " + p.path("id"));
      assertTrue(p.path("gridPos").path("w").asInt() > 0, title);
      assertEquals("${datasource}", p.path("datasource").path("uid").asText(), title);
      assertTrue(p.path("targets").size() > 0, title + " has no query");
      for (JsonNode t : p.path("targets")) {
        assertTrue(t.path("expr").asText().contains("sermon_uploader_"), title);
        assertTrue(t.path("expr").asText().contains("instance=~\"$instance\""), title);
      }
    }
    assertEquals(10, ids.size());
    assertTrue(
        GrafanaDashboard.metricsNamed().contains("sermon_uploader_expected_upload_missed"),
        GrafanaDashboard.metricsNamed().toString());
  }
}
