package org.sermonuploader.engine.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ForwardingSink;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The one way the app builds an HTTP client (S3, tus, and so the read-backs of verify and
 * download), so every request has the same deadlines:
 *
 * <ul>
 *   <li>the answer's head must arrive within connect + IO timeout of the start (a request without a
 *       body), or within the IO timeout of the request's body being sent;
 *   <li>a body, sent or received, that moves less than a few kB in the IO timeout is stalled.
 * </ul>
 *
 * A call that misses a deadline is cancelled and fails with {@link TooSlowAnswer}, which the engine
 * retries like any network error. Large bodies have no whole-call limit: a slow but moving link
 * finishes.
 */
public final class HttpClients {
  private HttpClients() {}

  /** A builder with the deadlines in place, HTTP/1.1 only; callers add their own options. */
  public static OkHttpClient.Builder withDeadlines(Duration connect, Duration io) {
    return new OkHttpClient.Builder()
        .connectTimeout(connect)
        // a server that goes silent is cut by these too, as before; the watch handles dribbling
        .readTimeout(io)
        .writeTimeout(io)
        .addInterceptor(new Deadlines(connect, io))
        .protocols(List.of(Protocol.HTTP_1_1));
  }

  private record Deadlines(Duration connect, Duration io) implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      CallWatch watch = CallWatch.start(chain.call(), io, connect.plus(io));
      RequestBody body = request.body();
      if (body != null) {
        request =
            request.newBuilder().method(request.method(), new WatchedBody(body, watch, io)).build();
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        watch.done();
        throw watch.explain(e);
      } catch (RuntimeException e) {
        watch.done();
        throw e;
      }
      if (request.method().equals("HEAD")) {
        watch.done();
        return response;
      }
      watch.moving();
      return response.newBuilder().body(new WatchedAnswer(response.body(), watch)).build();
    }
  }

  /** The request's body, timed while the network takes it; then the answer's head is awaited. */
  private static final class WatchedBody extends RequestBody {
    private final RequestBody body;
    private final CallWatch watch;
    private final Duration io;

    WatchedBody(RequestBody body, CallWatch watch, Duration io) {
      this.body = body;
      this.watch = watch;
      this.io = io;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return body.contentLength();
    }

    @Override
    public boolean isOneShot() {
      return body.isOneShot();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      watch.moving();
      BufferedSink timed = Okio.buffer(new TimedSink(sink, watch));
      try {
        body.writeTo(timed);
        timed.flush();
      } catch (IOException e) {
        throw watch.explain(e);
      }
      watch.waitFor(io, "no answer after the request was sent");
    }
  }

  private static final class TimedSink extends ForwardingSink {
    private final CallWatch watch;

    TimedSink(BufferedSink delegate, CallWatch watch) {
      super(delegate);
      this.watch = watch;
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
      watch.blockStart();
      try {
        // the sink below writes its complete segments to the socket: a slow reader holds us here
        super.write(source, byteCount);
      } finally {
        watch.blockEnd(byteCount);
      }
    }

    @Override
    public void flush() throws IOException {
      watch.blockStart();
      try {
        super.flush();
      } finally {
        watch.blockEnd(0);
      }
    }
  }

  /** The answer's body, timed while the app waits on the network for it. */
  private static final class WatchedAnswer extends ResponseBody {
    private final ResponseBody body;
    private final CallWatch watch;
    private @Nullable BufferedSource source;

    WatchedAnswer(ResponseBody body, CallWatch watch) {
      this.body = body;
      this.watch = watch;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public synchronized BufferedSource source() {
      if (source == null) source = Okio.buffer(new TimedSource(body.source(), watch));
      return source;
    }

    @Override
    public void close() {
      watch.done();
      body.close();
    }
  }

  private static final class TimedSource extends ForwardingSource {
    private final CallWatch watch;

    TimedSource(BufferedSource delegate, CallWatch watch) {
      super(delegate);
      this.watch = watch;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      watch.blockStart();
      long n = 0;
      try {
        n = super.read(sink, byteCount);
        return n;
      } catch (IOException e) {
        watch.done();
        throw watch.explain(e);
      } finally {
        watch.blockEnd(n);
        if (n < 0) watch.done();
      }
    }

    @Override
    public void close() throws IOException {
      watch.done();
      super.close();
    }
  }
}
