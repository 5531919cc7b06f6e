package org.sermonuploader.engine.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sermonuploader.engine.UploadException;
import org.sermonuploader.engine.UploadException.Reason;
import org.sermonuploader.model.ConnectionReport;
import org.sermonuploader.model.ConnectionReport.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection" for S3, also run before every batch: is the server there, does it take the
 * keys, is the bucket there, may this user upload, and can an unfinished upload be resumed.
 */
final class S3ConnectionCheck {
  private static final Logger log = LoggerFactory.getLogger(S3ConnectionCheck.class);
  private static final String PROBE = ".sermon-uploader/connection-test";

  /** Failures where the server was not reached as an S3 server at all. */
  private static final Set<Reason> NOT_REACHED =
      EnumSet.of(Reason.TLS, Reason.NOT_THIS_KIND_OF_SERVER);

  /** How servers say they lack a request (s3rver answers multipart listing and abort so). */
  private static final Set<Reason> UNSUPPORTED =
      EnumSet.of(Reason.NOT_IMPLEMENTED, Reason.METHOD_NOT_ALLOWED);

  private final S3Requests requests;
  private final S3Config config;
  private final boolean resume;
  private final List<Check> checks = new ArrayList<>();

  /** {@code resume}: whether to check what resuming needs, and writing with it. */
  S3ConnectionCheck(S3Requests requests, S3Config config, boolean resume) {
    this.requests = requests;
    this.config = config;
    this.resume = resume;
  }

  ConnectionReport run() {
    if (!serverAndBucket() || !resume) return new ConnectionReport(checks);
    checks.add(writeAndResume());
    return new ConnectionReport(checks);
  }

  private boolean serverAndBucket() {
    try {
      requests.lookIntoBucket();
      answered("The bucket '" + config.bucket() + "' exists.");
      return true;
    } catch (UploadException e) {
      if (e.reason() == Reason.NO_SUCH_BUCKET && config.createBucket()) return createBucket();
      notAnswered(e);
      return false;
    }
  }

  private boolean createBucket() {
    try {
      requests.makeBucket();
      answered("The bucket '" + config.bucket() + "' was created.");
      return true;
    } catch (UploadException made) {
      checks.add(new Check(Check.Kind.BUCKET, false, made.describe()));
      return false;
    }
  }

  private void answered(String bucket) {
    checks.add(
        new Check(Check.Kind.SERVER, true, "The server at " + config.endpoint() + " answers."));
    checks.add(
        new Check(Check.Kind.CREDENTIALS, true, "The access key and secret key are accepted."));
    checks.add(new Check(Check.Kind.BUCKET, true, bucket));
  }

  private void notAnswered(UploadException e) {
    boolean reached = e.code() != null && !e.isRetryable() && !NOT_REACHED.contains(e.reason());
    String problem = e.describe();
    // a name that does not resolve is a wrong address until proven otherwise
    boolean waitingMayHelp = e.isRetryable() && e.reason() != Reason.UNKNOWN_HOST;
    if (e.reason() == Reason.NETWORK
        && config.endpoint().startsWith("http://")
        && TlsProbe.speaksTls(URI.create(config.endpoint()), config.connectTimeout())) {
      String https = "https://" + config.endpoint().substring("http://".length());
      problem =
          "The server at "
              + config.endpoint()
              + " answers only in https. Change the address to "
              + https
              + ". (WrongScheme)";
      waitingMayHelp = false;
    }
    boolean noBucket = e.reason() == Reason.NO_SUCH_BUCKET;
    checks.add(
        new Check(
            Check.Kind.SERVER,
            reached || noBucket,
            reached ? "The server at " + config.endpoint() + " answers." : problem,
            waitingMayHelp));
    if (reached) {
      checks.add(
          new Check(
              Check.Kind.CREDENTIALS,
              noBucket,
              noBucket ? "The access key and secret key are accepted." : e.describe()));
      if (noBucket) checks.add(new Check(Check.Kind.BUCKET, false, e.describe()));
    }
  }

  /**
   * Uploads resume from what the server lists (unfinished uploads, their parts) and end with an
   * abort when a file changed, so a server without those requests would lose or strand uploads.
   * Listing comes first because it leaves nothing behind; then a test upload is started, its parts
   * listed and the upload aborted, which also proves write access.
   */
  private Check writeAndResume() {
    try {
      requests.lookForUnfinishedUploads();
    } catch (UploadException e) {
      if (UNSUPPORTED.contains(e.reason())) return lacksResume("list unfinished uploads", e);
      // permissions differ between requests; starting an upload below tells what matters
      log.info("Listing unfinished uploads failed: {}", e.getMessage());
    }
    String id;
    try {
      id = requests.createUpload(PROBE, null);
    } catch (UploadException e) {
      return new Check(Check.Kind.WRITE, false, "Uploading is not allowed: " + e.describe());
    }
    String lacking = null;
    UploadException why = null;
    try {
      requests.listParts(PROBE, id, 1, null);
    } catch (UploadException e) {
      if (!UNSUPPORTED.contains(e.reason())) {
        return abortThen(
            id,
            new Check(Check.Kind.WRITE, false, "Resuming uploads is not allowed: " + e.describe()));
      }
      lacking = "list the parts of an unfinished upload";
      why = e;
    }
    try {
      requests.abort(PROBE, id);
    } catch (UploadException e) {
      if (!UNSUPPORTED.contains(e.reason())) {
        return new Check(
            Check.Kind.WRITE, false, "A test upload could not be removed: " + e.describe());
      }
      Check lacks =
          lacksResume(
              lacking == null ? "remove an unfinished upload" : lacking + " or remove it", e);
      return new Check(
          Check.Kind.WRITE,
          false,
          lacks.message()
              + " A test upload named "
              + PROBE
              + " was left on the server; remove it with the server's own tools.");
    }
    return lacking == null
        ? new Check(Check.Kind.WRITE, true, "Uploading is allowed.")
        : lacksResume(lacking, Objects.requireNonNull(why, "set together with lacking"));
  }

  private Check abortThen(String id, Check result) {
    try {
      requests.abort(PROBE, id);
    } catch (UploadException e) {
      log.warn("The test upload {} could not be removed: {}", PROBE, e.getMessage());
    }
    return result;
  }

  private Check lacksResume(String what, UploadException e) {
    return new Check(
        Check.Kind.WRITE,
        false,
        "The server at "
            + config.endpoint()
            + " can't resume uploads: it does not "
            + what
            + " ("
            + e.code()
            + "). Sermon Uploader needs multipart resume, which MinIO, AWS S3 and most S3 servers have.");
  }
}
