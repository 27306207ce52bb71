package io.pitchey.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A java.net.http client for one API instance. Every request carries a fresh, known X-Request-ID.
 */
public final class ApiClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public ApiClient(int port) {
    this.base = URI.create("http://localhost:" + port);
  }

  /** GET {@code path}; {@code headers} alternate names and values. */
  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("X-Request-ID", newRequestId());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return send(request.GET().build());
  }

  /** HEAD {@code path}; {@code headers} alternate names and values. */
  public HttpResponse<String> head(String path, String... headers) {
    return send(request(path, headers).HEAD().build());
  }

  /** POST a JSON body; {@code headers} alternate names and values. */
  public HttpResponse<String> post(String path, String json, String... headers) {
    return withBody("POST", path, json, headers);
  }

  /** PUT a JSON body; {@code headers} alternate names and values. */
  public HttpResponse<String> put(String path, String json, String... headers) {
    return withBody("PUT", path, json, headers);
  }

  /** DELETE {@code path}; {@code headers} alternate names and values. */
  public HttpResponse<String> delete(String path, String... headers) {
    return send(request(path, headers).DELETE().build());
  }

  private HttpResponse<String> withBody(
      String method, String path, String json, String... headers) {
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /**
   * A request to {@code path} with a fresh X-Request-ID and {@code headers} (alternating names and
   * values), to finish with a method.
   */
  public HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("X-Request-ID", newRequestId());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return request;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The request id a response answered (echoed by the API). */
  public static String requestIdOf(HttpResponse<?> response) {
    return response.headers().firstValue("X-Request-ID").orElseThrow();
  }

  private static String newRequestId() {
    return "test-" + UUID.randomUUID();
  }
}
