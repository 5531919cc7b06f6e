package org.sermonuploader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sermonuploader.config.InvalidSettingException;
import org.sermonuploader.config.Setting;
import org.sermonuploader.model.SermonDetails;
import org.sermonuploader.model.UnsafeCharacters;

class ReservedKeysTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 8);

  private static InvalidSettingException refused(String prefix, String template) {
    return assertThrows(
        InvalidSettingException.class, () -> new ObjectKeys(prefix, template, "pi-foyer"));
  }

  @Test
  void aPrefixInsideTheAppsFolderIsRefusedAfterTheKeysOwnCleaning() {
    for (String p :
        List.of(
            ".sermon-uploader/sha256/",
            ".sermon-uploader",
            ".sermon-uploader/stations/",
            "/.sermon-uploader/",
            "./.sermon-uploader/",
            "//./.sermon-uploader/sha256",
            "\\.sermon-uploader\\sha256\\",
            " .sermon-uploader /x",
            "../.sermon-uploader/",
            ".sermon-\u0000uploader/")) {
      InvalidSettingException e = refused(p, "{filename}");
      assertEquals(Setting.KEY_PREFIX, e.setting(), p);
      assertTrue(e.getMessage().contains("inside .sermon-uploader/"), e.getMessage());
    }
  }

  @Test
  void aPrefixThatOnlyLooksLikeItIsAccepted() {
    // the app drops ".." segments, it does not climb: a/../.sermon-uploader/ is a/.sermon-uploader/
    assertEquals(
        "a/.sermon-uploader/x1.wav",
        new ObjectKeys("a/../.sermon-uploader/", "{filename}", "s")
            .keyFor("x1.wav", SermonDetails.NONE, DAY));
    // S3 keys are case-sensitive: only the app's exact spelling is the app's
    for (String p : List.of(".Sermon-Uploader/", ".sermon-uploader2/", "sermon-uploader/")) {
      assertEquals(
          p + "x1.wav",
          new ObjectKeys(p, "{filename}", "s").keyFor("x1.wav", SermonDetails.NONE, DAY));
    }
  }

  @Test
  void aTemplateWhoseTextLeadsInsideIsRefusedUnlessThePrefixIsElsewhere() {
    for (String t :
        List.of(
            ".sermon-uploader/stations/{filename}",
            "/./.sermon-uploader/sha256/{yyyy}/{filename}",
            ".sermon-uploader{ext}/{name}",
            "\\.sermon-uploader\\{title}")) {
      assertEquals(Setting.KEY_TEMPLATE, refused("", t).setting(), t);
    }
    assertEquals(
        "sermons/.sermon-uploader/x1.wav",
        new ObjectKeys("sermons", ".sermon-uploader/{filename}", "s")
            .keyFor("x1.wav", SermonDetails.NONE, DAY));
  }

  @Test
  void aFileOrDetailNamedLikeTheFolderIsMovedOutOfIt() {
    ObjectKeys bySeries = new ObjectKeys("", "{series}/{filename}", "s");
    assertEquals(
        "_.sermon-uploader/x1.wav",
        bySeries.keyFor("x1.wav", new SermonDetails(null, null, null, ".sermon-uploader"), DAY));
    ObjectKeys plain = new ObjectKeys("", "{filename}", "s");
    assertEquals("_.sermon-uploader", plain.keyFor(".sermon-uploader", SermonDetails.NONE, DAY));
  }

  @Test
  void theAppsOwnKeysAreRecognised() {
    assertTrue(ReservedKeys.contains(".sermon-uploader/sha256/x1.wav"));
    assertTrue(ReservedKeys.contains(".sermon-uploader/connection-test"));
    assertTrue(ReservedKeys.contains(".sermon-uploader"));
    assertFalse(ReservedKeys.contains(".sermon-uploaderx/a"));
    assertFalse(ReservedKeys.contains(".Sermon-Uploader/a"));
    assertFalse(ReservedKeys.contains("sermons/.sermon-uploader/a"));
  }

  @Test
  void aSegmentHoldsNoSlashNoDotsAndStandsForItsNameAlone() {
    List<String> names =
        List.of(
            "pi-foyer",
            "Pi Foyer",
            "pi-foyer ",
            " pi-foyer",
            "..",
            ".",
            "",
            "~",
            "a/b",
            "a%2Fb",
            "a\\b",
            "../../etc",
            "Église Saint-Jean",
            "控制台",
            "tab\there",
            "rtl\u202eevil",
            "%",
            "a.b");
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      String s = ReservedKeys.segment(n);
      assertFalse(s.isEmpty(), n);
      assertFalse(s.contains("/") || s.contains("\\") || s.contains(".."), n + " -> " + s);
      assertNotEquals(".", s);
      assertTrue(s.codePoints().noneMatch(UnsafeCharacters::unsafe), n + " -> " + s);
      assertEquals(n, ReservedKeys.name(s), s);
      assertTrue(seen.add(s), "two names share " + s);
      // as a key segment, it comes through the key cleaning unchanged
      assertEquals("x/" + s, ObjectKeys.sanitize("x/" + s));
    }
    assertEquals("Pi Foyer", ReservedKeys.segment("Pi Foyer"));
    assertEquals("a%2Fb", ReservedKeys.segment("a/b"));
    assertEquals("%2E%2E", ReservedKeys.segment(".."));
    assertEquals("Église", ReservedKeys.segment("Église"));
  }

  @Test
  void aLongNameIsCutAndStillStandsForItselfAlone() {
    String a = "é".repeat(300);
    String b = "é".repeat(299) + "e";
    String sa = ReservedKeys.segment(a);
    String sb = ReservedKeys.segment(b);
    assertTrue(sa.getBytes(StandardCharsets.UTF_8).length <= ObjectKeys.MAX_SEGMENT_BYTES, sa);
    assertNotEquals(sa, sb);
    String dots = ReservedKeys.segment(".".repeat(100));
    assertTrue(dots.getBytes(StandardCharsets.UTF_8).length <= ObjectKeys.MAX_SEGMENT_BYTES);
    assertTrue(dots.matches("(%2E)+~[0-9a-f]{16}"), dots);
  }
}
