package io.pitchey.web.build;

/** Shrinks one kind of source without changing what it means to a browser. */
@FunctionalInterface
public interface Minifier {
  /**
   * @param name the file name, for error messages
   * @throws AssetBuildException when the source cannot be parsed
   */
  String minify(String name, String source);
}
