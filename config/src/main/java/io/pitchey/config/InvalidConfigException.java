package io.pitchey.config;

/** A setting is missing or wrong; the message names the setting and how to set it. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  public InvalidConfigException(String setting, String problem) {
    super("invalid configuration: " + setting + ": " + problem);
    this.setting = setting;
  }

  /** The key of the offending setting (e.g. {@code db.url}). */
  public String setting() {
    return setting;
  }
}
