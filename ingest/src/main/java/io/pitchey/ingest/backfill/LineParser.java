package io.pitchey.ingest.backfill;

/** Turns one line of an input file into events. Implementations are stateless and thread-safe. */
public interface LineParser {
  /**
   * @param line the line, without its line terminator
   * @param source names the line uniquely and stably (file and byte offset): parsers that invent
   *     event ids derive them from it, so a re-run publishes the same ids
   */
  ParsedLine parse(String line, String source);
}
