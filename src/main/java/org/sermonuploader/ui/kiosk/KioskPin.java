package org.sermonuploader.ui.kiosk;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The PIN that leaves kiosk mode. Only a salted PBKDF2-HMAC-SHA256 hash is kept (the setting
 * KIOSK_PIN_HASH), written as {@code pbkdf2-sha256$iterations$salt$hash} with unpadded Base64, so
 * the iteration count can grow later without breaking stored PINs. The PIN itself is never stored
 * or logged. A PIN is 4 to 12 digits: it is typed on an on-screen keypad.
 */
public final class KioskPin {
  public static final String SCHEME = "pbkdf2-sha256";

  /**
   * OWASP's 2023 advice for PBKDF2-HMAC-SHA256; about 0.1 s on a desktop, a few tenths on a Pi 5.
   */
  public static final int ITERATIONS = 600_000;

  public static final int MIN_DIGITS = 4;
  public static final int MAX_DIGITS = 12;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KioskPin() {}

  /** What is wrong with a PIN someone wants to set, in plain words; null when it can be used. */
  public static @Nullable String problem(@Nullable String pin) {
    if (pin == null || pin.isEmpty())
      return "Type a PIN of " + MIN_DIGITS + " to " + MAX_DIGITS + " digits.";
    if (!pin.chars().allMatch(c -> c >= '0' && c <= '9')) return "Use digits only (0 to 9).";
    if (pin.length() < MIN_DIGITS || pin.length() > MAX_DIGITS) {
      return "Use " + MIN_DIGITS + " to " + MAX_DIGITS + " digits.";
    }
    return null;
  }

  /** A new salted hash of the PIN, for KIOSK_PIN_HASH. Slow on purpose: not on a UI thread. */
  public static String hash(String pin) {
    String problem = problem(pin);
    if (problem != null) throw new IllegalArgumentException(problem);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(pin, salt, ITERATIONS, HASH_BITS));
  }

  /** Whether a PIN is set at all (a stored value of any shape counts: it must be matched). */
  public static boolean isSet(String stored) {
    return stored != null && !stored.isBlank();
  }

  /**
   * Whether {@code pin} is the PIN behind {@code stored}. False for a malformed stored value (it
   * cannot be matched, so it does not open the kiosk). Slow on purpose: not on a UI thread.
   */
  @SuppressWarnings(
      "StringSplitter") // split drops an empty last field, so a hash ending in $ fails the count of
  // four and reads as malformed
  public static boolean matches(String pin, String stored) {
    if (pin == null || !isSet(stored)) return false;
    String[] parts = stored.trim().split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) return false;
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > 10_000_000) return false;
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] want = Base64.getDecoder().decode(parts[3]);
      if (salt.length == 0 || want.length == 0) return false;
      byte[] got = derive(pin, salt, iterations, want.length * 8);
      return MessageDigest.isEqual(want, got); // constant time
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String pin, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
    } finally {
      spec.clearPassword();
    }
  }

  /**
   * Wrong PINs in a row: after {@link #FREE_TRIES} the keypad locks for {@link #LOCK}, and again
   * after every further wrong PIN, so guessing four digits on the screen takes days.
   */
  public static final class Attempts {
    public static final int FREE_TRIES = 5;
    public static final Duration LOCK = Duration.ofSeconds(60);

    private final LongSupplier nanoTime;
    private int wrong;
    private long lockedUntil;

    public Attempts(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
    }

    public Attempts() {
      this(System::nanoTime);
    }

    /** How long the keypad stays locked; zero when a PIN may be tried now. */
    public synchronized Duration lockedFor() {
      long left = lockedUntil - nanoTime.getAsLong();
      return wrong < FREE_TRIES || left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public synchronized void failed() {
      wrong++;
      if (wrong >= FREE_TRIES) lockedUntil = nanoTime.getAsLong() + LOCK.toNanos();
    }

    public synchronized void succeeded() {
      wrong = 0;
      lockedUntil = 0;
    }

    public synchronized int wrongInARow() {
      return wrong;
    }
  }

  /** For logs and tests that must show no PIN: the scheme and cost only. */
  @SuppressWarnings(
      "StringSplitter") // split drops an empty last field, so a hash ending in $ fails the count of
  // four and reads as malformed
  public static String describe(String stored) {
    if (!isSet(stored)) return "no PIN";
    String[] parts = stored.trim().split("\\$");
    return parts.length == 4 ? parts[0] + ", " + parts[1] + " iterations" : "unreadable PIN hash";
  }
}
