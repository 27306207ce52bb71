package io.pitchey.api.http;

/**
 * The content codings Pitchey sends (RFC 9110 §8.4.1), best first: bodies are stored in each, so
 * choosing one costs no compression work.
 */
public enum ContentCoding {
  BROTLI("br"),
  GZIP("gzip"),
  IDENTITY("identity");

  private final String token;

  ContentCoding(String token) {
    this.token = token;
  }

  /** The coding's name in {@code Accept-Encoding} and {@code Content-Encoding}. */
  public String token() {
    return token;
  }
}
