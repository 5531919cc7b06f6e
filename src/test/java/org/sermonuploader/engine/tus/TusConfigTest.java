package org.sermonuploader.engine.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TusConfigTest {

  @Test
  void headersAreReadOnePerLineSkippingBlanksAndComments() {
    Map<String, String> h =
        TusConfig.parseHeaders(
            "Authorization: Bearer abc:def\n\n# church token\r\nX-Station:  hall ");
    assertEquals(Map.of("Authorization", "Bearer abc:def", "X-Station", "hall"), h);
  }

  @Test
  void aBadLineIsNamedByNumberWithoutRepeatingItsValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TusConfig.parseHeaders("Authorization: Bearer ok\nBearer s3cret-token"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void headersTheProtocolSetsCannotBeOverridden() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TusConfig.parseHeaders("Upload-Offset: 0"));
    assertTrue(e.getMessage().contains("set by the app"), e.getMessage());
  }

  @Test
  void endpointsMustBeHttpUrls() {
    assertNull(TusConfig.checkEndpoint("https://uploads.example.org/files/"));
    assertTrue(TusConfig.checkEndpoint("uploads.example.org/files").contains("http://"));
    assertTrue(TusConfig.checkEndpoint("").contains("no tus server"));
  }

  @Test
  void theHeaderValuesNeverAppearInItsDescription() {
    TusConfig c =
        TusConfig.of(
            "http://127.0.0.1:1/files/",
            Map.of("Authorization", "Bearer s3cret"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Path.of("data"));
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertTrue(c.toString().contains("Authorization"));
    assertEquals(8 << 20, c.payloadSize());
  }
}
