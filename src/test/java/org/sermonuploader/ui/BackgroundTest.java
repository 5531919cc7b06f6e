package org.sermonuploader.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  /**
   * Pause all, then Resume all: on a pool of three threads the second must not overtake the first.
   */
  @Test
  void actionsInOrderRunOneAfterTheOtherInTheOrderGiven() {
    Background inOrder = Background.inOrder(Background.pool("test-order", 3));
    List<Integer> ran = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      inOrder.run(
          () -> {
            // the first ones take longest, so a free thread would take the later ones first
            if (n % 50 == 0) sleep(20);
            ran.add(n);
          });
    }
    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 200);
    assertEquals(IntStream.range(0, 200).boxed().collect(Collectors.toList()), ran);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
