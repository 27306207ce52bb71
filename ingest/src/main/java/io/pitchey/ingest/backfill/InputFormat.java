package io.pitchey.ingest.backfill;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The two input formats of a backfill. */
public enum InputFormat {
  /** One event (or an array of events) per line, in the event schema. */
  NDJSON,
  /** Combined Log Format with a response-time field. */
  CLF;

  /**
   * By extension ({@code .ndjson}, {@code .jsonl}, {@code .json}), else by the first non-blank
   * line: JSON starts with {@code {} or {@code [}, anything else is taken for an access log.
   */
  public static InputFormat detect(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
      return NDJSON;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (!t.isEmpty()) {
          return t.startsWith("{") || t.startsWith("[") ? NDJSON : CLF;
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      return CLF;
    }
    return NDJSON;
  }
}
