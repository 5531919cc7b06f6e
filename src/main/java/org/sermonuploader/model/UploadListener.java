package org.sermonuploader.model;

/** Receives job snapshots. Called on engine threads: adapt onto a UI thread if needed. */
public interface UploadListener {
  void jobChanged(JobSnapshot snapshot);

  default void jobRemoved(long jobId) {}

  /** Something that concerns the whole engine rather than one job (it ran out of memory). */
  default void engineEvent(EngineEvent event) {}
}
