package io.pitchey.api.http;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the content coding of a response from the request's {@code Accept-Encoding} (RFC 9110
 * §12.5.3): the acceptable coding with the highest q-value among those the body is available in,
 * ties broken by {@link ContentCoding} order (smallest body first). {@code identity} is acceptable
 * unless excluded by {@code identity;q=0} or by {@code *;q=0} without an {@code identity} entry.
 */
public final class AcceptEncoding {
  private static final double UNLISTED = -1;

  private AcceptEncoding() {}

  /**
   * The coding to send, or {@code null} when nothing available is acceptable (a 406, in theory;
   * servers usually send identity anyway, and so does Pitchey's caller).
   */
  public static @Nullable ContentCoding choose(
      @Nullable String header, Set<ContentCoding> available) {
    if (header == null) {
      return available.contains(ContentCoding.IDENTITY) ? ContentCoding.IDENTITY : null;
    }
    Map<ContentCoding, Double> q = qValues(header);
    ContentCoding best = null;
    double bestQ = 0;
    for (ContentCoding coding : ContentCoding.values()) {
      double weight = q.get(coding);
      if (available.contains(coding) && weight > bestQ) {
        best = coding;
        bestQ = weight;
      }
    }
    return best;
  }

  private static Map<ContentCoding, Double> qValues(String header) {
    Map<ContentCoding, Double> listed = new EnumMap<>(ContentCoding.class);
    double wildcard = UNLISTED;
    for (String element : header.split(",")) {
      String[] parts = element.split(";");
      String token = parts[0].strip().toLowerCase(Locale.ROOT);
      if (token.isEmpty()) {
        continue;
      }
      double weight = weight(parts);
      if (token.equals("*")) {
        wildcard = weight;
      } else if (token.equals("x-gzip")) {
        listed.merge(ContentCoding.GZIP, weight, Math::max); // RFC 9110 §8.4.1.3
      } else {
        for (ContentCoding coding : ContentCoding.values()) {
          if (coding.token().equals(token)) {
            listed.merge(coding, weight, Math::max);
          }
        }
      }
    }
    Map<ContentCoding, Double> q = new EnumMap<>(ContentCoding.class);
    for (ContentCoding coding : ContentCoding.values()) {
      double weight = listed.getOrDefault(coding, wildcard);
      if (weight == UNLISTED) {
        // unlisted codings are not acceptable, except identity, which always is unless excluded
        weight = coding == ContentCoding.IDENTITY ? 0.001 : 0;
      }
      q.put(coding, weight);
    }
    return q;
  }

  /** The {@code q} parameter; 1 when absent, 0 when malformed (be strict about what we accept). */
  private static double weight(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
        try {
          double q = Double.parseDouble(parameter.substring(2).strip());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
