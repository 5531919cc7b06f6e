package org.sermonuploader.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sermonuploader.config.Units;
import org.sermonuploader.model.HistoryEntry;
import org.sermonuploader.model.JobSnapshot;
import org.sermonuploader.model.JobState;
import org.sermonuploader.model.MemorySample;
import org.sermonuploader.model.PressureLevel;
import org.sermonuploader.notify.WebhookMessage.Embed;
import org.sermonuploader.notify.WebhookMessage.Field;

/** The words and colours of each message: an upload finished or failed, memory short or back. */
final class DiscordMessages {
  private static final int GREEN = 0x2E7D32;
  private static final int RED = 0xC62828;
  private static final int AMBER = 0xF9A825;
  private static final int BLUE = 0x1565C0;

  private DiscordMessages() {}

  /** Duration and speed come from the job's history entry, when there is one. */
  static WebhookMessage finished(JobSnapshot s, Optional<HistoryEntry> entry, Instant at) {
    boolean already = s.state() == JobState.ALREADY_UPLOADED;
    List<Field> fields = new ArrayList<>();
    fields.add(field("Size", Units.size(s.size()), true));
    if (!already) {
      String duration =
          entry.map(h -> Units.elapsed(Duration.ofMillis(h.durationMillis()))).orElse("unknown");
      String speed =
          entry
              .filter(h -> h.bytesPerSecond() > 0)
              .map(h -> Units.rate(h.bytesPerSecond()))
              .orElse("unknown");
      fields.add(field("Duration", duration, true));
      fields.add(field("Average speed", speed, true));
    }
    if (s.sha256() != null)
      fields.add(
          field(
              "SHA-256",
              "`" + s.sha256().substring(0, Math.min(12, s.sha256().length())) + "`",
              true));
    if (s.key() != null) fields.add(field("Saved as", escape(s.key()), false));
    // a finished upload carries a message only when something needs telling (a name was taken)
    String note = already ? null : s.message();
    if (note != null) fields.add(field("Note", escape(note), false));
    String text =
        (already ? "Already on the server: " : "Upload finished: ")
            + escape(s.fileName())
            + " ("
            + Units.size(s.size())
            + ")"
            + (note == null ? "" : ". " + escape(note));
    return message(
        text,
        embed(
            already ? "Already on the server" : "Upload finished",
            fileLine(s.fileName()),
            already ? BLUE : GREEN,
            at,
            fields));
  }

  static WebhookMessage failed(JobSnapshot s, Instant at) {
    String reason = s.message() == null ? "unknown reason" : s.message();
    List<Field> fields = new ArrayList<>();
    fields.add(field("Reason", escape(reason), false));
    if (s.size() > 0) fields.add(field("Size", Units.size(s.size()), true));
    if (s.bytesDone() > 0 && s.size() > 0) {
      fields.add(field("Sent before it stopped", Math.round(s.fraction() * 100) + "%", true));
    }
    return message(
        "Upload failed: " + escape(s.fileName()) + " (" + reason + ")",
        embed("Upload failed", fileLine(s.fileName()), RED, at, fields));
  }

  static WebhookMessage memoryShort(PressureLevel level, @Nullable MemorySample s, Instant at) {
    String description =
        "Uploads wait and carry on by themselves when memory is freed. Nothing is lost."
            + (level == PressureLevel.CRITICAL ? " Memory is critical." : "");
    return message(
        "Memory is short (" + level.words() + "): uploads paused until memory is freed.",
        embed("Memory is short: uploads paused", description, AMBER, at, memoryFields(s)));
  }

  static WebhookMessage memoryBack(@Nullable MemorySample s, Instant at) {
    return message(
        "Memory back to normal: uploads carry on.",
        embed("Memory back to normal: uploads carry on", null, GREEN, at, memoryFields(s)));
  }

  static WebhookMessage report(
      String title, String summary, List<String> lines, boolean problem, Instant at) {
    StringBuilder d = new StringBuilder(escape(summary));
    for (String line : lines) d.append('\n').append(escape(line));
    return message(
        title + ": " + escape(summary),
        embed(title, clip(d.toString(), 4000), problem ? RED : GREEN, at, List.of()));
  }

  private static List<Field> memoryFields(@Nullable MemorySample s) {
    List<Field> fields = new ArrayList<>();
    if (s == null) return fields;
    if (s.rssBytes() >= 0) fields.add(field("App uses", Units.size(s.rssBytes()), true));
    if (s.availableKnown())
      fields.add(field("Free on this computer", Units.size(s.systemAvailableBytes()), true));
    return fields;
  }

  private static String fileLine(String fileName) {
    return "**" + escape(clip(fileName, 300)) + "**";
  }

  private static Embed embed(
      String title, @Nullable String description, int color, Instant at, List<Field> fields) {
    return new Embed(title, description, color, at.toString(), fields);
  }

  private static WebhookMessage message(String content, Embed embed) {
    return new WebhookMessage(
        "Sermon Uploader",
        clip(content, 1900),
        WebhookMessage.AllowedMentions.NONE,
        List.of(embed));
  }

  private static Field field(String name, String value, boolean inline) {
    return new Field(name, clip(value, 1000), inline);
  }

  /** Discord reads Markdown; a file name like "my_talk_*final*.mp3" should show as typed. */
  static String escape(String text) {
    return text.replaceAll("([\\\\*_~`|])", "\\\\$1");
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
