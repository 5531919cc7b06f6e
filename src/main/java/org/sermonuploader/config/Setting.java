package org.sermonuploader.config;

import org.sermonuploader.bandwidth.Bandwidth;

/**
 * Every setting the app reads. The name is both the environment variable and the key in the
 * settings file, so a value can be moved between the two without renaming it.
 */
public enum Setting {
  MINIO_ENDPOINT(
      "",
      "S3/MinIO server URL, e.g. http://192.168.1.10:9000. Empty: use the embedded local store.",
      false),
  MINIO_BUCKET("sermons", "Bucket the recordings go into.", false),
  MINIO_ACCESS_KEY("", "Access key (user name) for the server.", false),
  MINIO_SECRET_KEY(
      "",
      "Secret key (password) for the server. Kept in secrets.properties (0600) or the environment.",
      true),
  MINIO_CA_FILE(
      "",
      "PEM file with a CA certificate to trust, for servers with a self-signed certificate.",
      false),
  MINIO_CREATE_BUCKET("false", "Create the bucket if it does not exist.", false),
  KEY_PREFIX(
      "",
      "Text put in front of every object key, e.g. sermons/. Not .sermon-uploader/, which the app keeps for its own records.",
      false),
  KEY_TEMPLATE(
      "{filename}",
      "How object keys are built: {filename} {name} {ext} {date} {yyyy} {MM} {dd} {title} {speaker} {series} {station}, or any date pattern in braces.",
      false),
  PART_SIZE(
      "16MiB",
      "Size of each multipart chunk (at least 5MiB; raised automatically so no file needs more than 10,000 parts).",
      false),
  PARTS_IN_FLIGHT("2", "Chunks of one file sent at the same time.", false),
  MAX_CONCURRENT_UPLOADS("1", "Files uploaded at the same time.", false),
  MAX_UPLOAD_SIZE("0", "Largest file accepted, e.g. 20GiB. 0 means no limit.", false),
  BANDWIDTH_LIMIT(
      "",
      "Upper limit on the upload rate, in rclone's --bwlimit syntax: 512K, 4M (bare numbers are KiB/s; K, M, G are binary), off, an UP:DOWN pair such as 4M:off, or a weekly timetable of [DAY-]HH:MM,RATE entries on the station's clock, e.g. 'Sun-08:00,512K Sun-13:00,off 22:00,off 07:00,4M'. Empty: no limit.",
      false),
  LIVESTREAM_LIMIT(
      Bandwidth.DEFAULT_LIVESTREAM,
      "Upload rate while a livestream runs, set for 2 hours by Livestream now in the window, in the same syntax (e.g. 256K, or 256K:off to leave downloads alone).",
      false),
  STATION_NAME(
      "", "Name of this computer, stored with each recording (default: the host name).", false),
  CONNECT_TIMEOUT_SECONDS("10", "How long to wait for the server to accept a connection.", false),
  IO_TIMEOUT_SECONDS(
      "60",
      "How long a request may wait for the server's answer, or move less than 4 KB, before it is cut and retried.",
      false),
  RETRY_MAX_DELAY_SECONDS(
      "60", "Longest wait between retries when the server cannot be reached.", false),
  LEFTOVER_DAYS(
      "7",
      "Unfinished server-side uploads of this station older than this many days are removed.",
      false),
  MAX_MEMORY_MONITOR_MB(
      "1800", "Memory budget of the app in MB; pressure is measured against it.", false),
  MEMORY_PRESSURE_THRESHOLD(
      "0.8", "Share of the budget at which uploads pause (warning level).", false),
  MEMORY_CRITICAL_THRESHOLD("0.95", "Share of the budget at which memory is critical.", false),
  MEMORY_MIN_AVAILABLE_MB(
      "200", "System memory available (MemAvailable) below which uploads pause.", false),
  MEMORY_SAMPLE_INTERVAL_MS("1000", "How often memory is sampled.", false),
  STATUS_PORT(
      "8765",
      "Port of the local status endpoint (/health, /api/memory/status). 0 turns it off.",
      false),
  STATUS_BIND(
      "127.0.0.1",
      "Address the status endpoint listens on. Anything but loopback needs STATUS_TOKEN.",
      false),
  STATUS_TOKEN(
      "", "Bearer token the status endpoint requires when bound to a non-loopback address.", true),
  DISCORD_WEBHOOK_URL(
      "", "Discord webhook for notifications. A secret: kept in secrets.properties.", true),
  DESTINATION("s3", "Where uploads go: s3 (MinIO) or tus.", false),
  TUS_ENDPOINT("", "tus server URL, used when DESTINATION is tus.", false),
  TUS_HEADERS(
      "",
      "Extra headers for the tus server, one 'Name: value' per line (e.g. Authorization).",
      true),
  KIOSK("false", "Start in full-screen touch (kiosk) mode (as with --kiosk).", false),
  KIOSK_PIN_HASH(
      "",
      "Salted PBKDF2 hash of the PIN that leaves kiosk mode, never the PIN; set it with Set kiosk PIN in the settings dialog. Empty: a long press alone, confirmed on screen.",
      true),
  USB_AUTO_QUEUE("false", "Queue new recordings from known USB sticks without asking.", false),
  USB_MOUNT_ROOTS("", "Extra folders where USB sticks appear, separated by ':'.", false),
  WATCH_FOLDER("", "Folder whose new recordings are queued automatically.", false),
  WATCH_QUIET_SECONDS(
      "30", "How long a file in the watch folder must stop growing before it is queued.", false),
  LIVE_UPLOAD(
      "true",
      "Upload a recording in the watch folder while it is being made (S3 only), so it is safe in the bucket seconds after it ends. tus servers get it once it has ended.",
      false),
  VERIFY_EVERY(
      "off",
      "How often the window reads every stored recording back and compares its SHA-256, at a quiet time (no upload running): e.g. 7d, 12h, or off. A recording that differs or is missing is posted to Discord.",
      false),
  EXPECT_UPLOAD(
      "",
      "When a recording from this station must have arrived, as [DAY-]HH:MM on this computer's clock (several separated by commas), e.g. Sun-13:00. When one passes with none stored within EXPECT_WITHIN before it, every station's Stations tab and `stations` say so, /metrics shows it, and Discord is told once. Empty: none expected.",
      false),
  EXPECT_WITHIN(
      "12h",
      "How long before each EXPECT_UPLOAD time a recording counts for it: e.g. 12h, 90m, 1d.",
      false);

  private final String defaultValue;
  private final String description;
  private final boolean secret;

  Setting(String defaultValue, String description, boolean secret) {
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Secrets live only in the 0600 secrets file or the environment and are never shown. */
  public boolean secret() {
    return secret;
  }
}
