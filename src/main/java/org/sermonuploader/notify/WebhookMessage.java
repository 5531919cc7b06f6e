package org.sermonuploader.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One message to a Discord webhook, as Discord reads it (serialised by Jackson). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookMessage(
    String username,
    String content,
    @JsonProperty("allowed_mentions") AllowedMentions allowedMentions,
    List<Embed> embeds) {

  /** Which mentions may ping people; none: a file named "@everyone.mp3" must not. */
  record AllowedMentions(List<String> parse) {
    static final AllowedMentions NONE = new AllowedMentions(List.of());
  }

  /** The card under the text; the description is left out when there is none. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Embed(
      String title,
      @Nullable String description,
      int color,
      String timestamp,
      List<Field> fields) {}

  record Field(String name, String value, boolean inline) {}
}
