package io.pitchey.web.build;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites {@code /static/<logical name>} references in a source to the hashed names of the assets
 * built so far, and refuses a source that still names something that is not a built asset: a typo
 * or a reference to a later kind would otherwise be a broken link in production.
 */
final class References {
  static final String PREFIX = "/static/";
  private static final Pattern REFERENCE = Pattern.compile("/static/([A-Za-z0-9][A-Za-z0-9._-]*)");

  private final Map<String, String> hashedByLogical = new HashMap<>();
  private final Set<String> hashed = new HashSet<>();

  void add(BuiltAsset asset) {
    if (asset.kind().hashed()) {
      hashedByLogical.put(asset.logicalName(), asset.file());
      hashed.add(asset.file());
    }
  }

  String rewrite(String fileName, String source) {
    Matcher reference = REFERENCE.matcher(source);
    StringBuilder out = new StringBuilder(source.length());
    while (reference.find()) {
      String name = trimTrailingDots(reference.group(1));
      String target = hashedByLogical.get(name);
      if (target == null && !hashed.contains(name)) {
        throw new AssetBuildException(
            fileName
                + " references "
                + PREFIX
                + name
                + ", which is not an asset built before it (see AssetKind for the order)");
      }
      String replacement = PREFIX + (target != null ? target : name);
      String rest = reference.group(1).substring(name.length()); // a sentence's full stop
      reference.appendReplacement(out, Matcher.quoteReplacement(replacement + rest));
    }
    reference.appendTail(out);
    return out.toString();
  }

  private static String trimTrailingDots(String name) {
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) == '.') {
      end--;
    }
    return name.substring(0, end);
  }
}
