package org.sermonuploader.engine.s3;

import io.minio.messages.ListBucketResultV2;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.UploadException;

/** Reading back what the bucket holds: the recordings in it, page by page. */
final class S3Reads {
  private S3Reads() {}

  /** Every object under the prefix except the SHA-256 markers, in key order. */
  static List<RemoteObject> list(S3Requests requests, @Nullable String prefix)
      throws UploadException {
    List<RemoteObject> out = new ArrayList<>();
    String token = null;
    do {
      ListBucketResultV2 r =
          requests.listObjects(prefix != null && !prefix.isEmpty() ? prefix : null, token).result();
      for (var item : r.contents()) {
        String key = item.objectName();
        // the app's own folder (hash markers, station heartbeats) holds no recordings
        if (ReservedKeys.contains(key) || item.isDir()) continue;
        out.add(new RemoteObject(key, item.size(), null, S3Headers.etag(item.etag())));
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }
}
