package org.sermonuploader.engine;

/**
 * A job held by one runner, across every process sharing the data folder: while it is held, no
 * other runner sends the job's parts or finishes it. Dropped by {@link #close()}, or by the
 * operating system when the process ends, even after a kill -9.
 */
public interface JobClaim extends AutoCloseable {
  @Override
  void close();

  /** A claim for a store only one engine uses at a time. */
  JobClaim NONE = () -> {};
}
