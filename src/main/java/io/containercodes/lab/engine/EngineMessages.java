package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine's error in words for people. docker-java's exceptions carry the engine's HTTP answer as
 * {@code Status 500: {"cause":"network not found","message":"container create: unable to find
 * network with name or ID NONE: network not found","response":500}} (Podman's libpod error body;
 * Docker's is {@code {"message": …}}). The sentence is the engine's own {@code message}, without
 * the JSON around it and the operation prefix; the raw text stays available for {@code --verbose}.
 */
final class EngineMessages {
  private static final Pattern STATUS = Pattern.compile("(?s)^Status (\\d{3}): (\\{.*\\})\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineMessages() {}

  /** The engine's own words, as one sentence: its {@code message}, or the text as it came. */
  static String sentence(Throwable e) {
    return sentence(EngineClients.rootMessage(e));
  }

  static String sentence(String raw) {
    Matcher m = STATUS.matcher(raw == null ? "" : raw.strip());
    if (!m.matches()) {
      return raw;
    }
    try {
      JsonNode body = JSON.readTree(m.group(2));
      String message = body.path("message").asText("");
      if (message.isBlank()) {
        message = body.path("cause").asText(raw);
      }
      // "container create: unable to find …": the operation is already in the lab's sentence
      return message.replaceFirst("^container (create|start): ", "").strip();
    } catch (IOException e) {
      return raw;
    }
  }

  /** The raw text the sentence was made from, when it differs: what --verbose shows. */
  static String raw(Throwable e) {
    String raw = EngineClients.rootMessage(e);
    return raw.equals(sentence(raw)) ? null : raw;
  }
}
