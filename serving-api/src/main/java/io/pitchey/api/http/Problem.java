package io.pitchey.api.http;

import java.net.URI;

/**
 * An RFC 9457 problem details body, plus the {@code request_id} extension so that a client
 * reporting an error can quote the id the logs and timing events carry.
 *
 * @param type identifies the kind of problem; {@code about:blank} when only the status is known
 * @param instance the request path the problem occurred on
 */
public record Problem(
    URI type, String title, int status, String detail, String instance, String requestId) {
  public static final String MEDIA_TYPE = "application/problem+json";
}
