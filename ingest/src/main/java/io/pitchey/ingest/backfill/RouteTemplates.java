package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps raw request paths to route templates such as {@code /api/pitches/{id}}: a {@code {name}}
 * segment matches any one non-empty path segment, other segments match literally. The query string
 * and fragment are dropped; a trailing slash is ignored. The first matching template wins, and a
 * literal template is tried before templates with placeholders, so {@code /api/pitches/new} beats
 * {@code /api/pitches/{id}}. A path that matches none becomes {@link TimingEvent#UNMATCHED_ROUTE},
 * which keeps the route cardinality bounded whatever the log holds.
 */
public final class RouteTemplates {
  /** The serving API's own routes, used when no template file is given. */
  public static final List<String> PITCHEY_DEFAULTS =
      List.of(
          "/api/health",
          "/api/me",
          "/api/pitches",
          "/api/pitches/{id}",
          "/api/search",
          "/api/ingest/timings",
          "/metrics");

  private final List<String[]> templates;
  private final List<String> sources;

  private RouteTemplates(List<String> templates) {
    List<String> ordered =
        new ArrayList<>(templates.stream().filter(t -> !t.contains("{")).toList());
    ordered.addAll(templates.stream().filter(t -> t.contains("{")).toList());
    this.sources = List.copyOf(ordered);
    this.templates = ordered.stream().map(RouteTemplates::segments).toList();
  }

  public static RouteTemplates of(List<String> templates) {
    for (String t : templates) {
      if (!t.startsWith("/")) {
        throw new IllegalArgumentException("a route template starts with '/': '" + t + "'");
      }
      if (t.contains("?") || t.contains(" ")) {
        throw new IllegalArgumentException(
            "a route template has no query string or spaces: '" + t + "'");
      }
    }
    return new RouteTemplates(templates);
  }

  public static RouteTemplates defaults() {
    return of(PITCHEY_DEFAULTS);
  }

  /** Reads one template a line; blank lines and lines starting with {@code #} are skipped. */
  public static RouteTemplates load(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        lines.add(t);
      }
    }
    try {
      return of(lines);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public List<String> templates() {
    return sources;
  }

  /** The template of a raw path (query string allowed), or {@code <unmatched>}. */
  public String templateOf(String rawPath) {
    String path = stripQuery(rawPath);
    String[] parts = segments(path);
    for (int i = 0; i < templates.size(); i++) {
      if (matches(templates.get(i), parts)) {
        return sources.get(i);
      }
    }
    return TimingEvent.UNMATCHED_ROUTE;
  }

  /** True if {@code rawPath} matches {@code template} (used by filters: a path finds its route). */
  public static boolean matches(String template, String rawPath) {
    return matches(segments(template), segments(stripQuery(rawPath)));
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      boolean placeholder = t.length() > 2 && t.startsWith("{") && t.endsWith("}");
      if (placeholder ? path[i].isEmpty() : !t.equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  static String stripQuery(String rawPath) {
    int cut = rawPath.length();
    int q = rawPath.indexOf('?');
    int h = rawPath.indexOf('#');
    if (q >= 0) {
      cut = q;
    }
    if (h >= 0 && h < cut) {
      cut = h;
    }
    return rawPath.substring(0, cut);
  }

  private static String[] segments(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.split("/", -1);
  }
}
