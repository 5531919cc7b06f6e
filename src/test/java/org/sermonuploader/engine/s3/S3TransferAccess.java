package org.sermonuploader.engine.s3;

/** Opens package-private helpers of the S3 adapter to tests in other packages. */
public final class S3TransferAccess {
  private S3TransferAccess() {}

  public static String decode(String metadataValue) {
    return S3Headers.decode(metadataValue);
  }
}
