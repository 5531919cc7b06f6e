package org.sermonuploader.engine.tus;

import io.tus.java.client.TusUpload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A TusUpload whose Upload-Metadata values are UTF-8. The library encodes with the platform
 * charset, which on a Pi started with LANG=C turns every accented letter of a file name into '?'.
 */
final class Utf8Upload extends TusUpload {
  @Override
  public String getEncodedMetadata() {
    Map<String, String> metadata = getMetadata();
    if (metadata == null || metadata.isEmpty()) return "";
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (out.length() > 0) out.append(',');
      out.append(e.getKey())
          .append(' ')
          .append(
              Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return out.toString();
  }
}
