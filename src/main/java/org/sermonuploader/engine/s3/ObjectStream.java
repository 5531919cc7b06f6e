package org.sermonuploader.engine.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Response;

/** An object's bytes as the server sends them, with the answer's headers; closing ends the GET. */
final class ObjectStream extends FilterInputStream {
  private final Response response;

  ObjectStream(Response response) {
    super(response.body().byteStream());
    this.response = response;
  }

  Headers headers() {
    return response.headers();
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      response.close();
    }
  }
}
