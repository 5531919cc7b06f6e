package org.sermonuploader.engine.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sermonuploader.engine.TransferSession;

/** S3's answers as servers write them, and what the app makes of them. */
class S3XmlTest {
  private static InputStream xml(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aListingPageGivesKeysSizesAndWhereTheNextPageStarts() throws Exception {
    S3Answers.ListingPage page =
        S3Xml.listing(
            xml(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
                    + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>sermons</Name>"
                    + "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                    + "<NextContinuationToken>t/2</NextContinuationToken><Contents>"
                    + "<Key>church/Predigt+%C3%BC+1.wav</Key><LastModified>2026-03-01T10:00:00.000Z"
                    + "</LastModified><ETag>&quot;abc&quot;</ETag><Size>42</Size></Contents>"
                    + "</ListBucketResult>"),
            null);
    assertEquals(
        List.of(
            new S3Answers.Listed(
                "church/Predigt ü 1.wav", 42, "abc", Instant.parse("2026-03-01T10:00:00Z"))),
        page.objects());
    assertEquals("t/2", page.nextToken());
  }

  @Test
  void partsAndUploadsPagesEndWhenNotTruncated() throws Exception {
    S3Answers.PartsPage parts =
        S3Xml.parts(
            xml(
                "<ListPartsResult><Initiator><ID>me</ID></Initiator><IsTruncated>false"
                    + "</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker><Part>"
                    + "<PartNumber>1</PartNumber><ETag>\"e1\"</ETag></Part><Part><PartNumber>2"
                    + "</PartNumber><ETag>e2</ETag></Part></ListPartsResult>"));
    assertEquals(Map.of(1, "e1", 2, "e2"), parts.etags());
    assertNull(parts.nextMarker());
    assertEquals("me", parts.initiator());
    S3Answers.UploadsPage uploads =
        S3Xml.uploads(
            xml(
                "<ListMultipartUploadsResult><IsTruncated>false</IsTruncated><Upload><Key>a.wav"
                    + "</Key><UploadId>u1</UploadId><Initiator><ID>me</ID></Initiator><Initiated>"
                    + "2026-03-01T10:00:00.000Z</Initiated></Upload></ListMultipartUploadsResult>"));
    assertEquals(
        List.of(new ServerUpload("a.wav", "u1", Instant.parse("2026-03-01T10:00:00Z"), "me")),
        uploads.uploads());
    assertNull(uploads.nextKeyMarker());
  }

  @Test
  void anErrorInAnAnswerOfStatus200IsTold() throws Exception {
    byte[] body =
        ("<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>We encountered an"
                + " internal error.</Message><RequestId>r1</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals("Error", S3Xml.rootName(body));
    assertEquals(
        new S3Answers.ErrorAnswer("InternalError", "We encountered an internal error.", null, "r1"),
        S3Xml.error(body));
    assertEquals(
        "abc-2",
        S3Xml.completedEtag(
            "<CompleteMultipartUploadResult><ETag>&quot;abc-2&quot;</ETag></CompleteMultipartUploadResult>"
                .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anAnswerCannotMakeTheAppReadAFileOrExpandEntities() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<Tagging><TagSet><Tag><Key>sha256</Key><Value>&x;</Value></Tag></TagSet></Tagging>";
    assertThrows(S3Xml.NotXml.class, () -> S3Xml.tags(xml(xxe)));
    assertThrows(S3Xml.NotXml.class, () -> S3Xml.parts(xml("HTTP/1.1 200 OK")));
  }

  @Test
  void bodiesTheAppSendsAreEscaped() throws Exception {
    String tagging =
        new String(S3Xml.tagging(Map.of("sha256", "a<b&\"c\"")), StandardCharsets.UTF_8);
    assertEquals(Map.of("sha256", "a<b&\"c\""), S3Xml.tags(xml(tagging)));
    String complete =
        new String(
            S3Xml.complete(List.of(new TransferSession.SentPart(1, "e&1", "crc=="))),
            StandardCharsets.UTF_8);
    assertEquals(
        "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part>"
            + "<PartNumber>1</PartNumber><ETag>e&amp;1</ETag><ChecksumCRC32C>crc==</ChecksumCRC32C>"
            + "</Part></CompleteMultipartUpload>",
        complete);
  }
}
