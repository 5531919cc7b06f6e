package org.sermonuploader.engine.s3;

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
      S3Answers.ListingPage page =
          requests.listObjects(prefix != null && !prefix.isEmpty() ? prefix : null, token);
      for (S3Answers.Listed item : page.objects()) {
        // the app's own folder (hash markers, station heartbeats) holds no recordings
        if (ReservedKeys.contains(item.key())) continue;
        out.add(new RemoteObject(item.key(), item.size(), null, item.etag()));
      }
      token = page.nextToken();
    } while (token != null);
    return out;
  }
}
