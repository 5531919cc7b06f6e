package org.sermonuploader.ui.shell;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.sermonuploader.ui.NoticeBanner;
import org.sermonuploader.ui.bandwidth.BandwidthBar;
import org.sermonuploader.ui.history.HistoryView;
import org.sermonuploader.ui.library.StoredRecordings;
import org.sermonuploader.ui.queue.QueueView;
import org.sermonuploader.ui.stations.StationsTab;

/**
 * The window's three pages, as tabs: Queue (news, the offer to move recordings, the disk warning,
 * the drop zone with the upload limit beside it, the list), History (read again each time it is
 * shown, with the checks) and Stations (read only while shown). History and Stations join the scene
 * when first selected: styling and laying out their tables before the first frame took a sixth of
 * the CPU to it (docs/benchmarks.md, The first frame).
 */
final class Pages {
  private final Tab historyTab;

  Pages(
      TabPane tabs,
      NoticeBanner notices,
      StoredRecordings stored,
      DropZone dropZone,
      BandwidthBar limit,
      QueueView queueView,
      HistoryView history,
      StationsTab stations) {
    VBox.setVgrow(queueView, Priority.ALWAYS);
    // the limit beside the drop zone, in its height: on a 480-line touch screen the queue keeps it
    HBox.setHgrow(dropZone.node(), Priority.ALWAYS);
    VBox queuePage =
        new VBox(8, new HBox(8, dropZone.node(), limit), queueView, queueView.footer());
    queuePage.getStyleClass().add("queue-page");
    // notices take their own line above the drop zone, so they never cover it
    queuePage.getChildren().add(0, notices);
    queuePage.getChildren().addAll(1, List.of(stored.offer(), stored.disk().node()));
    Tab queueTab = new Tab("Queue", queuePage);
    queueTab.setId("queue-tab");
    historyTab = new Tab("History");
    fillWhenFirstSelected(historyTab, history);
    historyTab.setId("history-tab");
    history.getStyleClass().add("history-page");
    Tab stationsTab = new Tab("Stations");
    fillWhenFirstSelected(stationsTab, stations);
    stationsTab.setId("stations-tab");
    // read only while seen: every 30 s while selected, nothing while another tab is
    stationsTab.setOnSelectionChanged(e -> stations.setShown(stationsTab.isSelected()));
    tabs.getTabs().addAll(queueTab, historyTab, stationsTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    historyTab.setOnSelectionChanged(
        e -> {
          if (historyTab.isSelected()) {
            history.refresh();
            stored.panel().refreshChecks();
          }
        });
  }

  private static void fillWhenFirstSelected(Tab tab, Node content) {
    tab.selectedProperty()
        .addListener(
            (o, was, on) -> {
              if (on && tab.getContent() == null) tab.setContent(content);
            });
  }

  /** Whether the History is the page shown. */
  boolean historyShown() {
    return historyTab.isSelected();
  }
}
