package org.sermonuploader.engine.s3;

import java.io.InputStream;
import org.sermonuploader.engine.PartBuffer;

/**
 * Hands a part to minio-java as a stream. minio's own byte[] path makes OkHttp copy the whole part
 * into its buffers before sending (twice the memory); a stream is copied 8 KiB at a time.
 */
final class PartBody extends io.minio.ByteBuffer {
  private final PartBuffer data;

  PartBody(PartBuffer data) {
    super(data.length());
    this.data = data;
  }

  @Override
  public long length() {
    return data.length();
  }

  @Override
  public InputStream inputStream() {
    return data.openStream();
  }
}
