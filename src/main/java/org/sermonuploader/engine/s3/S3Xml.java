package org.sermonuploader.engine.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.engine.TransferSession;

/**
 * The XML of S3's answers, read with the JDK's own StAX parser (no DTDs, no external entities: an
 * answer cannot make the app fetch or expand anything), and the XML bodies the app sends.
 */
final class S3Xml {
  private static final XMLInputFactory FACTORY = factory();

  private S3Xml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /** Told each element's end with its path below the root ("Contents/Key") and its text. */
  private interface Fields {
    void start(String path);

    void end(String path, String text);
  }

  /** Reads a whole answer; {@link NotXml} when it is not XML. */
  private static void read(InputStream in, Fields fields) throws IOException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in);
      List<String> path = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            path.add(r.getLocalName());
            text.setLength(0);
            fields.start(join(path));
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            fields.end(join(path), text.toString().trim());
            path.remove(path.size() - 1);
            text.setLength(0);
          }
          default -> {}
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new NotXml(e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // the answer was read; nothing is held open by the reader itself
        }
      }
    }
  }

  /** The path below the root element. */
  private static String join(List<String> path) {
    if (path.size() <= 1) return "";
    return path.size() == 2 ? path.get(1) : String.join("/", path.subList(1, path.size()));
  }

  /** An answer that should be S3's XML and is not. */
  static final class NotXml extends IOException {
    private static final long serialVersionUID = 1L;

    NotXml(Exception cause) {
      super("the answer is not the XML S3 sends: " + cause.getMessage(), cause);
    }
  }

  /** The root element's name; null when there is none. */
  static @Nullable String rootName(byte[] xml) {
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT) return r.getLocalName();
        }
        return null;
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      return null;
    }
  }

  static S3Answers.ErrorAnswer error(byte[] xml) throws IOException {
    Map<String, String> f = new LinkedHashMap<>();
    read(new ByteArrayInputStream(xml), simple(f));
    return new S3Answers.ErrorAnswer(
        f.get("Code"), f.get("Message"), f.get("Resource"), f.get("RequestId"));
  }

  /** The ETag a CompleteMultipartUpload answer names; null when it names none. */
  static @Nullable String completedEtag(byte[] xml) {
    Map<String, String> f = new LinkedHashMap<>();
    try {
      read(new ByteArrayInputStream(xml), simple(f));
    } catch (IOException e) {
      return null; // the upload is complete all the same: its ETag is looked up after
    }
    return S3Headers.etag(f.get("ETag"));
  }

  /** The upload id of a CreateMultipartUpload answer. */
  static String uploadId(InputStream in) throws IOException {
    Map<String, String> f = new LinkedHashMap<>();
    read(in, simple(f));
    String id = f.get("UploadId");
    if (id == null || id.isEmpty()) throw new NotXml(new IllegalStateException("no UploadId"));
    return id;
  }

  /** The tags of a GetObjectTagging answer. */
  static Map<String, String> tags(InputStream in) throws IOException {
    Map<String, String> tags = new LinkedHashMap<>();
    String[] key = {null};
    read(
        in,
        new Fields() {
          @Override
          public void start(String path) {}

          @Override
          public void end(String path, String text) {
            if (path.equals("TagSet/Tag/Key")) key[0] = text;
            else if (path.equals("TagSet/Tag/Value") && key[0] != null) tags.put(key[0], text);
            else if (path.equals("TagSet/Tag")) key[0] = null;
          }
        });
    return tags;
  }

  /** A ListObjectsV2 page; {@code serverTime} is the answer's Date. */
  static S3Answers.ListingPage listing(InputStream in, @Nullable Instant serverTime)
      throws IOException {
    Page page = page(in, "Contents");
    boolean urlEncoded = "url".equalsIgnoreCase(page.top().get("EncodingType"));
    List<S3Answers.Listed> out = new ArrayList<>();
    for (Map<String, String> i : page.items()) {
      String key = i.getOrDefault("Key", "");
      if (urlEncoded) key = URLDecoder.decode(key, StandardCharsets.UTF_8);
      out.add(
          new S3Answers.Listed(
              key,
              number(i.get("Size")),
              S3Headers.etag(i.get("ETag")),
              time(i.get("LastModified"))));
    }
    String next =
        Boolean.parseBoolean(page.top().get("IsTruncated"))
            ? blankToNull(page.top().get("NextContinuationToken"))
            : null;
    return new S3Answers.ListingPage(out, next, serverTime);
  }

  /** A ListParts page. */
  static S3Answers.PartsPage parts(InputStream in) throws IOException {
    Page page = page(in, "Part");
    Map<Integer, String> etags = new LinkedHashMap<>();
    for (Map<String, String> p : page.items()) {
      etags.put((int) number(p.get("PartNumber")), p.getOrDefault("ETag", "").replace("\"", ""));
    }
    String marker = blankToNull(page.top().get("NextPartNumberMarker"));
    Integer next =
        Boolean.parseBoolean(page.top().get("IsTruncated")) && marker != null
            ? (int) number(marker)
            : null;
    return new S3Answers.PartsPage(etags, next, blankToNull(page.top().get("Initiator/ID")));
  }

  /** A ListMultipartUploads page. */
  static S3Answers.UploadsPage uploads(InputStream in) throws IOException {
    Page page = page(in, "Upload");
    List<ServerUpload> out = new ArrayList<>();
    for (Map<String, String> u : page.items()) {
      out.add(
          new ServerUpload(
              u.getOrDefault("Key", ""),
              u.getOrDefault("UploadId", ""),
              time(u.get("Initiated")),
              blankToNull(u.get("Initiator/ID"))));
    }
    boolean truncated = Boolean.parseBoolean(page.top().get("IsTruncated"));
    String keyMarker = truncated ? blankToNull(page.top().get("NextKeyMarker")) : null;
    return new S3Answers.UploadsPage(
        out,
        keyMarker,
        keyMarker == null ? null : blankToNull(page.top().get("NextUploadIdMarker")));
  }

  /**
   * A listing answer: its own fields, and the fields of each repeated element, by path below it.
   */
  private record Page(Map<String, String> top, List<Map<String, String>> items) {}

  private static Page page(InputStream in, String element) throws IOException {
    Map<String, String> top = new LinkedHashMap<>();
    List<Map<String, String>> items = new ArrayList<>();
    Map<String, String> item = new LinkedHashMap<>();
    String below = element + "/";
    read(
        in,
        new Fields() {
          @Override
          public void start(String path) {
            if (path.equals(element)) item.clear();
          }

          @Override
          public void end(String path, String text) {
            if (path.startsWith(below)) item.put(path.substring(below.length()), text);
            else if (path.equals(element)) items.add(new LinkedHashMap<>(item));
            else top.put(path, text);
          }
        });
    return new Page(top, items);
  }

  private static Fields simple(Map<String, String> into) {
    return new Fields() {
      @Override
      public void start(String path) {}

      @Override
      public void end(String path, String text) {
        into.put(path, text);
      }
    };
  }

  private static long number(@Nullable String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static @Nullable Instant time(@Nullable String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The body of a CompleteMultipartUpload: each part's number, ETag and CRC32C. */
  static byte[] complete(List<TransferSession.SentPart> parts) {
    StringBuilder b =
        new StringBuilder(64 + parts.size() * 128)
            .append("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (TransferSession.SentPart p : parts) {
      b.append("<Part><PartNumber>").append(p.number()).append("</PartNumber><ETag>");
      escape(b, p.etag()).append("</ETag>");
      if (p.crc32c() != null) {
        b.append("<ChecksumCRC32C>");
        escape(b, p.crc32c()).append("</ChecksumCRC32C>");
      }
      b.append("</Part>");
    }
    return b.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The body of a PutObjectTagging. */
  static byte[] tagging(Map<String, String> tags) {
    StringBuilder b =
        new StringBuilder("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>");
    tags.forEach(
        (k, v) -> {
          b.append("<Tag><Key>");
          escape(b, k).append("</Key><Value>");
          escape(b, v).append("</Value></Tag>");
        });
    return b.append("</TagSet></Tagging>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c);
      }
    }
    return b;
  }
}
