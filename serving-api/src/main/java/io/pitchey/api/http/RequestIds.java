package io.pitchey.api.http;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a request's id. A client's {@code X-Request-ID} is kept so traces join up across systems,
 * but only when it is short and made of safe characters: it is echoed in a header, logged and
 * published, so anything else could inject header lines or bloat every event.
 */
public final class RequestIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  public static String acceptOrCreate(@Nullable String incoming) {
    if (incoming != null && SAFE.matcher(incoming).matches()) {
      return incoming;
    }
    return UUID.randomUUID().toString();
  }
}
