package org.sermonuploader.ui.history;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;

/**
 * A table cell that wraps its text onto as many lines as the column's width needs: recordings that
 * differ only at the end of a long name are told apart on the kiosk's narrow table too. The row
 * grows for it.
 */
final class WrappingCell<S> extends TableCell<S, String> {
  private final Text text = new Text();

  WrappingCell(TableColumn<S, String> column) {
    text.getStyleClass().add("wrapping-cell-text");
    // the cell's own padding stays clear on either side
    // the colour the cell would give its own text, selected or not
    text.fillProperty().bind(textFillProperty());
    text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
    setText(null);
  }

  @Override
  protected void updateItem(String item, boolean empty) {
    super.updateItem(item, empty);
    text.setText(empty || item == null ? "" : item);
    setGraphic(empty || item == null ? null : text);
  }
}
