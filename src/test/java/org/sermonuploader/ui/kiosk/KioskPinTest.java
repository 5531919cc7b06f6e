package org.sermonuploader.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KioskPinTest {
  @Test
  void theHashIsSaltedKeepsNoPinAndMatchesOnlyThatPin() {
    String a = KioskPin.hash("2468");
    String b = KioskPin.hash("2468");
    assertNotEquals(a, b, "a fresh salt each time");
    assertFalse(a.contains("2468"));
    String[] parts = a.split("\\$");
    assertEquals(4, parts.length);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals(Integer.toString(KioskPin.ITERATIONS), parts[1]);
    assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length);

    assertTrue(KioskPin.matches("2468", a));
    assertTrue(KioskPin.matches("2468", b));
    assertFalse(KioskPin.matches("2469", a));
    assertFalse(KioskPin.matches("24680", a));
    assertFalse(KioskPin.matches("", a));
  }

  @Test
  void aHashWithAnotherIterationCountStillMatches() throws Exception {
    // as a hash made by an older version with fewer iterations would look
    byte[] salt = new byte[16];
    javax.crypto.SecretKeyFactory f =
        javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] h =
        f.generateSecret(new javax.crypto.spec.PBEKeySpec("1234".toCharArray(), salt, 1000, 256))
            .getEncoded();
    java.util.Base64.Encoder e = java.util.Base64.getEncoder().withoutPadding();
    String stored = "pbkdf2-sha256$1000$" + e.encodeToString(salt) + "$" + e.encodeToString(h);
    assertTrue(KioskPin.matches("1234", stored));
    assertFalse(KioskPin.matches("4321", stored));
  }

  @Test
  void malformedStoredValuesNeverMatchButCountAsSet() {
    for (String bad :
        new String[] {
          "1234",
          "sha1$1$a$b",
          "pbkdf2-sha256$x$AAAA$AAAA",
          "pbkdf2-sha256$1000$$AAAA",
          "pbkdf2-sha256$1000$!!$AAAA",
          "pbkdf2-sha256$99999999999$AAAA$AAAA"
        }) {
      assertFalse(KioskPin.matches("1234", bad), bad);
      assertTrue(KioskPin.isSet(bad), "an unreadable PIN still guards the kiosk: " + bad);
    }
    assertFalse(KioskPin.isSet(""));
    assertFalse(KioskPin.isSet(null));
    assertFalse(KioskPin.matches("1234", ""));
  }

  @Test
  void onlyFourToTwelveDigitsCanBeSet() {
    assertNull(KioskPin.problem("0000"));
    assertNull(KioskPin.problem("123456789012"));
    assertEquals("Use 4 to 12 digits.", KioskPin.problem("123"));
    assertEquals("Use 4 to 12 digits.", KioskPin.problem("1234567890123"));
    assertEquals("Use digits only (0 to 9).", KioskPin.problem("12a4"));
    assertEquals("Type a PIN of 4 to 12 digits.", KioskPin.problem(""));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KioskPin.hash("12"));
    assertEquals("Use 4 to 12 digits.", e.getMessage());
  }

  @Test
  void fiveWrongPinsLockTheKeypadForAMinuteAndEachFurtherOneAgain() {
    AtomicLong now = new AtomicLong(1_000);
    KioskPin.Attempts a = new KioskPin.Attempts(now::get);
    for (int i = 0; i < 4; i++) {
      a.failed();
      assertEquals(Duration.ZERO, a.lockedFor(), "try " + (i + 1) + " is free");
    }
    a.failed();
    assertEquals(Duration.ofSeconds(60), a.lockedFor());
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertEquals(Duration.ofSeconds(1), a.lockedFor());
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(Duration.ZERO, a.lockedFor());
    a.failed();
    assertEquals(Duration.ofSeconds(60), a.lockedFor(), "the sixth wrong PIN locks again");
    a.succeeded();
    assertEquals(Duration.ZERO, a.lockedFor());
    assertEquals(0, a.wrongInARow());
  }

  @Test
  void describeNamesTheSchemeNotThePin() {
    assertEquals("pbkdf2-sha256, 600000 iterations", KioskPin.describe(KioskPin.hash("9999")));
    assertEquals("no PIN", KioskPin.describe(""));
  }
}
