package org.sermonuploader.engine.s3;

import java.io.InputStream;
import org.sermonuploader.engine.FilePart;

/**
 * Hands a part to minio-java as a stream read from the file. minio's own byte[] and file paths hold
 * the part in memory before sending; a stream is copied 8 KiB at a time.
 */
final class PartBody extends io.minio.ByteBuffer {
  private final FilePart data;

  PartBody(FilePart data) {
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
