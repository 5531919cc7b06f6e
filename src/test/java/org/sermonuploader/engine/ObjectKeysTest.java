package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.model.SermonDetails;

class ObjectKeysTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 8);

  private static String key(String prefix, String template, String fileName) {
    return new ObjectKeys(prefix, template, "pi-foyer").keyFor(fileName, SermonDetails.NONE, DAY);
  }

  private static String key(
      String prefix, String template, String fileName, SermonDetails details) {
    return new ObjectKeys(prefix, template, "pi-foyer").keyFor(fileName, details, DAY);
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** No segment that climbs up or stands for "here", no leading slash, no empty segment. */
  private static void assertSafe(String key, String prefix) {
    assertTrue(key.startsWith(prefix), key + " left the prefix " + prefix);
    assertFalse(key.startsWith("/"), key);
    assertFalse(key.contains("\\"), key);
    assertFalse(key.contains("//"), key);
    for (String seg : key.split("/", -1)) {
      assertFalse(seg.equals("..") || seg.equals(".") || seg.isEmpty(), key);
    }
    assertTrue(key.codePoints().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), key);
    assertTrue(bytes(key) <= ObjectKeys.MAX_KEY_BYTES, key);
  }

  @Test
  void aPlainNameGoesUnderThePrefix() {
    assertEquals("church/Sunday.mp3", key("church", "{filename}", "Sunday.mp3"));
    assertEquals("church/Sunday.mp3", key("church/", "{filename}", "Sunday.mp3"));
    assertEquals("Sunday.mp3", key("", "{filename}", "Sunday.mp3"));
  }

  @Test
  void traversalInTheFileNameStaysInsideThePrefix() {
    String k = key("church/", "{filename}", "../../etc/passwd");
    assertSafe(k, "church/");
    assertEquals("church/..-..-etc-passwd", k);
    assertSafe(key("church/", "{filename}", ".."), "church/");
  }

  @Test
  void traversalInTheTemplateCannotClimbOutOfThePrefix() {
    String k = key("church/", "../../etc/{filename}", "passwd.mp3");
    assertEquals("church/etc/passwd.mp3", k);
    assertEquals("church/x/a.mp3", key("church/", "./x/./../{filename}", "a.mp3"));
    assertEquals("church/a.mp3", key("church/", "/{filename}", "a.mp3"));
    assertEquals("church/a.mp3", key("church/", "//{filename}", "a.mp3"));
    assertEquals("church/up/a.mp3", key("church/", "..\\..\\up\\{filename}", "a.mp3"));
  }

  @Test
  void aPrefixIsCleanedTooAndASlashAloneMeansNone() {
    assertEquals("a/b/x.mp3", key("/a/../b/", "{filename}", "x.mp3"));
    assertEquals("x.mp3", key("/", "{filename}", "x.mp3"));
    assertEquals("x.mp3", key("..", "{filename}", "x.mp3"));
    assertEquals("a/b/x.mp3", key("a\\b", "{filename}", "x.mp3"));
  }

  @Test
  void aLeadingSlashIsDropped() {
    assertEquals("a.mp3", key("", "/{filename}", "a.mp3"));
    assertEquals("a.mp3", key("", "///{filename}", "a.mp3"));
    // a slash inside a value is not a folder
    assertEquals("-a.mp3", key("", "{filename}", "/a.mp3"));
  }

  @Test
  void backslashesInValuesDoNotMakeFolders() {
    assertEquals("church/C:-Users-x.mp3", key("church/", "{filename}", "C:\\Users\\x.mp3"));
  }

  @Test
  void controlCharactersAndDelAreRemoved() {
    String name = "a\u0000b\tc\nd\re\u001bf\u007fg\u0085h\u009fi.mp3";
    assertEquals("abcdefghi.mp3", key("", "{filename}", name));
    assertEquals("p/a.mp3", key("p\u0000/", "{filename}\u0007", "a.mp3"));
  }

  @Test
  void directionOverridesLineSeparatorsAndBrokenSurrogatesAreRemoved() {
    // U+202E would show "evil\u202Egpj.exe" as "evilexe.jpg"
    assertEquals("evilgpj.exe", key("", "{filename}", "evil\u202egpj.exe"));
    assertEquals("ab.mp3", key("", "{filename}", "a\u2028b\u2029.mp3"));
    assertEquals("ab.mp3", key("", "{filename}", "a\ud800b.mp3"));
    assertEquals("ab.mp3", key("", "{filename}", "\ufeffa\u2066b\u2069.mp3"));
  }

  @Test
  void aTitleCannotAddPathSegments() {
    SermonDetails d = new SermonDetails("/../../etc", null, null, null);
    String k = key("church/", "{title}/{filename}", "a.mp3", d);
    assertSafe(k, "church/");
    assertEquals("church/-..-..-etc/a.mp3", k);
    SermonDetails dots = new SermonDetails("..", "/..", null, null);
    String k2 = key("church/", "{title}/{speaker}/{filename}", "a.mp3", dots);
    assertSafe(k2, "church/");
    assertEquals("church/-../a.mp3", k2);
  }

  @Test
  void unicodeEmojiAndQuotesAreKept() {
    assertEquals(
        "Gottesdienst Grüße – Predigt 🙏🏽.mp3",
        key("", "{filename}", "Gottesdienst Grüße – Predigt 🙏🏽.mp3"));
    assertEquals("礼拜/讲道.m4a", key("礼拜", "{filename}", "讲道.m4a"));
    assertEquals(
        "\"Faith\" & 'Hope' (live).mp3", key("", "{filename}", "\"Faith\" & 'Hope' (live).mp3"));
    // a family emoji is joined with U+200D, which must survive
    assertEquals("👨‍👩‍👧.mp3", key("", "{filename}", "👨‍👩‍👧.mp3"));
  }

  @Test
  void aVeryLongNameIsCutToTheLimitOnACharacterBoundaryKeepingTheExtension() {
    String longAscii = "a".repeat(3000) + ".mp3";
    String k = key("church/", "{filename}", longAscii);
    // file-backed servers refuse path segments over 255 bytes: each segment is kept to 200
    assertEquals(ObjectKeys.MAX_SEGMENT_BYTES, bytes(k.substring("church/".length())));
    assertTrue(k.startsWith("church/aaa") && k.endsWith("aaa.mp3"), k);

    // 3-byte and 4-byte characters: no half character at the cut
    for (String unit : new String[] {"ü", "讲", "🙏", "a讲🙏"}) {
      String name = unit.repeat(1500) + ".wav";
      String cut = key("church/", "{filename}", name);
      int segment = bytes(cut.substring("church/".length()));
      assertTrue(
          segment <= ObjectKeys.MAX_SEGMENT_BYTES && segment > ObjectKeys.MAX_SEGMENT_BYTES - 4,
          unit + ": " + segment);
      assertTrue(cut.endsWith(".wav"), cut);
      assertTrue(
          cut.codePoints()
              .noneMatch(c -> c == 0xfffd || (Character.isSurrogate((char) c) && c <= 0xffff)),
          cut);
      assertEquals(cut, new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aLongNameWithALongDotTailIsCutWithoutFailing() {
    String k = key("p/", "{filename}", "x." + "b".repeat(3000));
    assertEquals(ObjectKeys.MAX_SEGMENT_BYTES, bytes(k.substring(2)));
    assertSafe(k, "p/");
  }

  @Test
  void aCutNeverLeavesATraversalSegmentOrTrailingSpace() {
    // the cut falls right after the ".." that starts the last segment: it may not stay a segment
    SermonDetails longTitle = new SermonDetails("t".repeat(1021), null, null, null);
    String k = key("", "{title}/..{name}", "my recording", longTitle);
    assertSafe(k, "");
    assertEquals("t".repeat(ObjectKeys.MAX_SEGMENT_BYTES) + "/..my recording", k);
    String spaced = "a".repeat(1018) + " tail.mp3";
    String k2 = key("", "{filename}", spaced);
    assertFalse(k2.contains(" .mp3"), k2);
    assertTrue(k2.endsWith(".mp3"));
  }

  @Test
  void aPrefixThatLeavesNoRoomIsRefused() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> new ObjectKeys("p".repeat(600), "{filename}", "s"));
    assertEquals(Setting.KEY_PREFIX, e.setting());
    assertTrue(e.getMessage().startsWith("KEY_PREFIX: is longer than 512 bytes"), e.getMessage());
  }

  @Test
  void datePlaceholdersFileByYearAndMonth() {
    assertEquals("2026/03/2026-03-08 a.mp3", key("", "{yyyy}/{MM}/{date} {filename}", "a.mp3"));
    assertEquals("2026-03/Sun/a.mp3", key("", "{yyyy-MM}/{E}/{filename}", "a.mp3"));
    SermonDetails d = new SermonDetails(null, null, LocalDate.of(2025, 12, 24), null);
    assertEquals("2025/12/24/a.mp3", key("", "{yyyy}/{MM}/{dd}/{filename}", "a.mp3", d));
  }

  @Test
  void otherPlaceholdersFillFromTheDetails() {
    SermonDetails d = new SermonDetails("Grace", "Pastor Lee", null, "Romans");
    assertEquals(
        "Romans/Pastor Lee - Grace.mp3 (pi-foyer)",
        key("", "{series}/{speaker} - {title}{ext} ({station})", "a.mp3", d));
    assertEquals("unknown speaker/a.mp3", key("", "{speaker}/{name}{ext}", "a.mp3"));
  }

  @Test
  void unknownPlaceholdersAreRefusedWithAClearMessage() {
    for (String bad :
        new String[] {"{filename}{author}", "{HH}/{filename}", "{mm}{filename}", "{filename}{ }"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new ObjectKeys("", bad, "s"), bad);
      assertTrue(e.getMessage().startsWith("unknown placeholder {"), e.getMessage());
      assertTrue(e.getMessage().contains("{filename}"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ObjectKeys.validate("{yyyy}/{author}.mp3"));
    assertEquals(
        "unknown placeholder {author}",
        e.getMessage().substring(0, "unknown placeholder {author}".length()));
  }

  @Test
  void aTemplateWithoutANameIsRefused() {
    for (String bad :
        new String[] {"{date}", "{yyyy}/{MM}/recording", "{speaker}{ext}", "{filename"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ObjectKeys.validate(bad), bad);
      assertTrue(e.getMessage().contains("{filename}, {name} or {title}"), e.getMessage());
    }
  }

  @Test
  void aBlankTemplateMeansTheFileName() {
    assertEquals("a.mp3", key("", "  ", "a.mp3"));
    assertEquals("a.mp3", key(null, null, "a.mp3"));
  }

  @Test
  void numberedPutsTheCountBeforeTheExtension() {
    assertEquals("church/Sunday (2).mp3", ObjectKeys.numbered("church/Sunday.mp3", 2));
    assertEquals("church/a.b (3).wav", ObjectKeys.numbered("church/a.b.wav", 3));
    assertEquals("church/v1.0/notes (2)", ObjectKeys.numbered("church/v1.0/notes", 2));
    assertEquals("church/.hidden (2)", ObjectKeys.numbered("church/.hidden", 2));
    assertEquals("Sunday service (10).mp3", ObjectKeys.numbered("Sunday service.mp3", 10));
  }

  @Test
  void numberingAKeyAtTheLimitStaysWithinIt() {
    String full = key("church/", "{filename}", "z".repeat(2000) + ".mp3");
    String second = ObjectKeys.numbered(full, 2);
    assertEquals(ObjectKeys.MAX_SEGMENT_BYTES, bytes(second.substring("church/".length())));
    assertTrue(second.endsWith("z (2).mp3"), second);
    String wide = key("", "{filename}", "🙏".repeat(400) + ".mp3");
    String n = ObjectKeys.numbered(wide, 999);
    assertTrue(bytes(n) <= ObjectKeys.MAX_SEGMENT_BYTES && n.endsWith("🙏 (999).mp3"), n);
  }

  @Test
  void sanitizeNeverReturnsAnEmptyKey() {
    assertEquals("unnamed", ObjectKeys.sanitize("/../..//./"));
    assertEquals("unnamed", ObjectKeys.sanitize("\u0000\u0001"));
  }
}
