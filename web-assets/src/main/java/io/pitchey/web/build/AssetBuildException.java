package io.pitchey.web.build;

/** The assets cannot be built as written: the message names the file and what is wrong with it. */
public final class AssetBuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AssetBuildException(String message) {
    super(message);
  }

  public AssetBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
