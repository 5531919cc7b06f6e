package org.sermonuploader.engine.s3;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsV2Args;
import io.minio.messages.ListBucketResultV2;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.RemoteObject;
import org.sermonuploader.engine.ReservedKeys;
import org.sermonuploader.engine.UploadException;

/** Reading back what the bucket holds: listing it, and ranged reads of one object. */
final class S3Reads {
  private S3Reads() {}

  /** Every object under the prefix except the SHA-256 markers, in key order. */
  static List<RemoteObject> list(S3Transfer s3, String prefix) throws UploadException {
    List<RemoteObject> out = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Args.Builder args =
          ListObjectsV2Args.builder().bucket(s3.bucket()).maxKeys(1000);
      if (prefix != null && !prefix.isEmpty()) args.prefix(prefix);
      if (token != null) args.continuationToken(token);
      ListBucketResultV2 r = s3.await(s3.client().listObjectsV2(args.build())).result();
      for (var item : r.contents()) {
        String key = item.objectName();
        // the app's own folder (hash markers, station heartbeats) holds no recordings
        if (ReservedKeys.contains(key) || item.isDir()) continue;
        out.add(new RemoteObject(key, item.size(), null, S3Transfer.etag(item.etag())));
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  /** The object's bytes from {@code offset} on, streamed as the server sends them. */
  static InputStream read(S3Transfer s3, String key, long offset, @Nullable String version)
      throws UploadException {
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(s3.bucket()).object(key);
    if (offset > 0) args.offset(offset);
    if (version != null) args.matchETag(version);
    return s3.await(s3.client().getObject(args.build()));
  }
}
