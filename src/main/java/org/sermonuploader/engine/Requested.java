package org.sermonuploader.engine;

/**
 * What the volunteer asked of a job that is not finished. A cancel outranks a pause: pausing a job
 * being cancelled leaves it cancelling, and Resume only takes back a pause.
 */
enum Requested {
  NOTHING,
  PAUSE,
  CANCEL
}
