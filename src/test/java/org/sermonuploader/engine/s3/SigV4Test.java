package org.sermonuploader.engine.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The signer against the examples AWS publishes for Signature Version 4 (the S3 API reference's
 * header-signing examples, and the test suite's get-vanilla): a server checks the same numbers.
 */
class SigV4Test {
  private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final SigV4 S3_EXAMPLE =
      new SigV4("AKIAIOSFODNN7EXAMPLE", EXAMPLE_SECRET, "us-east-1", "s3");

  private static SortedMap<String, String> headers(String... namesAndValues) {
    SortedMap<String, String> h = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2)
      h.put(namesAndValues[i], namesAndValues[i + 1]);
    return h;
  }

  @Test
  void getObjectWithARange() {
    String auth =
        S3_EXAMPLE.authorization(
            "GET",
            "/" + SigV4.encodePath("test.txt"),
            "",
            headers(
                "host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9",
                "x-amz-content-sha256", SigV4.EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z"),
            SigV4.EMPTY_SHA256,
            "20130524T000000Z");
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        auth);
  }

  @Test
  void putObjectWithAReservedCharacterInItsKey() {
    String payload = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    String path = "/" + SigV4.encodePath("test$file.text");
    assertEquals("/test%24file.text", path);
    String auth =
        S3_EXAMPLE.authorization(
            "PUT",
            path,
            "",
            headers(
                "date", "Fri, 24 May 2013 00:00:00 GMT",
                "host", "examplebucket.s3.amazonaws.com",
                "x-amz-content-sha256", payload,
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY"),
            payload,
            "20130524T000000Z");
    assertEquals(
        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        auth.substring(auth.indexOf("Signature=") + 10));
  }

  @Test
  void listObjectsWithASortedQuery() {
    String query = SigV4.query(new TreeMap<>(java.util.Map.of("prefix", "J", "max-keys", "2")));
    assertEquals("max-keys=2&prefix=J", query);
    String auth =
        S3_EXAMPLE.authorization(
            "GET",
            "/",
            query,
            headers(
                "host", "examplebucket.s3.amazonaws.com",
                "x-amz-content-sha256", SigV4.EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z"),
            SigV4.EMPTY_SHA256,
            "20130524T000000Z");
    assertEquals(
        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        auth.substring(auth.indexOf("Signature=") + 10));
  }

  @Test
  void getVanillaOfTheTestSuite() {
    SigV4 signer =
        new SigV4(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    String auth =
        signer.authorization(
            "GET",
            "/",
            "",
            headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"),
            SigV4.EMPTY_SHA256,
            "20150830T123600Z");
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
            + " SignedHeaders=host;x-amz-date,"
            + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        auth);
  }

  @Test
  void keysAreEncodedSegmentBySegment() {
    assertEquals("a/b%20c/%C3%A9t%C3%A9~_-.mp3", SigV4.encodePath("a/b c/été~_-.mp3"));
    assertEquals("a%2Bb%3D%26", SigV4.encode("a+b=&"));
    assertEquals("Sunday service", SigV4.canonicalValue("  Sunday   service "));
    // the same day's key serves again, and a new day gets its own
    String first =
        S3_EXAMPLE.authorization("GET", "/", "", headers("host", "h"), "x", "20130524T000000Z");
    String again =
        S3_EXAMPLE.authorization("GET", "/", "", headers("host", "h"), "x", "20130524T000000Z");
    String nextDay =
        S3_EXAMPLE.authorization("GET", "/", "", headers("host", "h"), "x", "20130525T000000Z");
    assertEquals(first, again);
    assertEquals(false, first.equals(nextDay.replace("20130525", "20130524")));
  }
}
