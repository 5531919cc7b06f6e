package org.sermonuploader.engine;

/** Receives job snapshots. Called on engine threads: adapt onto a UI thread if needed. */
public interface UploadListener {
  void jobChanged(JobSnapshot snapshot);

  default void jobRemoved(long jobId) {}
}
