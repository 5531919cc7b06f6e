package org.sermonuploader.engine.s3;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.FilePart;

/**
 * A part (or a whole small recording) sent as it is read from its file, a segment at a time: never
 * held in memory whole. Its stream stops once the part is stopped.
 */
final class PartBody extends RequestBody {
  private final FilePart data;

  PartBody(FilePart data) {
    this.data = data;
  }

  @Override
  public @Nullable MediaType contentType() {
    return null; // sent as a header of its own, so that it is signed as sent
  }

  @Override
  public long contentLength() {
    return data.length();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try (Source in = Okio.source(data.openStream())) {
      sink.writeAll(in);
    }
  }
}
