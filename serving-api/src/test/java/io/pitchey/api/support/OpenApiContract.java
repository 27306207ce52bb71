package io.pitchey.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.pitchey.api.docs.OpenApiRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks real exchanges against the OpenAPI document the API serves: the request must match a
 * documented operation and the response its documented status, media type and schema.
 */
public final class OpenApiContract {
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(document()).build();

  private OpenApiContract() {}

  /**
   * Asserts that this request and the response it got are what the document describes.
   *
   * @param headers the request's headers that matter to the document (e.g. {@code Authorization}),
   *     alternating names and values
   */
  public static void assertDocumented(
      String method,
      String pathAndQuery,
      @Nullable String requestBody,
      HttpResponse<String> response,
      String... headers) {
    Request request = request(method, pathAndQuery, requestBody, headers);
    assertNoErrors(VALIDATOR.validate(request, response(response)), method, pathAndQuery, response);
  }

  /**
   * Asserts that the response is a documented answer of the operation, for requests that are wrong
   * on purpose (no token, a bad parameter), which the request check would reject.
   */
  public static void assertResponseDocumented(
      String method, String pathAndQuery, HttpResponse<String> response) {
    String path = URI.create(pathAndQuery).getRawPath();
    ValidationReport report =
        VALIDATOR.validateResponse(path, Request.Method.valueOf(method), response(response));
    assertNoErrors(report, method, pathAndQuery, response);
  }

  private static void assertNoErrors(
      ValidationReport report, String method, String pathAndQuery, HttpResponse<String> response) {
    assertThat(report.getMessages())
        .as("%s %s answered %d %s", method, pathAndQuery, response.statusCode(), response.body())
        .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .isEmpty();
  }

  private static Request request(
      String method, String pathAndQuery, @Nullable String body, String... headers) {
    URI uri = URI.create(pathAndQuery);
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getRawPath());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.withHeader(headers[i], headers[i + 1]);
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.withQueryParam(
            decode(nameValue[0]), nameValue.length > 1 ? decode(nameValue[1]) : "");
      }
    }
    if (body != null) {
      request.withBody(body).withContentType("application/json");
    }
    return request.build();
  }

  private static Response response(HttpResponse<String> response) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      builder.withHeader(header.getKey(), header.getValue());
    }
    if (!response.body().isEmpty()) {
      builder.withBody(response.body());
    }
    return builder.build();
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String document() {
    try (InputStream yaml =
        OpenApiRoutes.class.getClassLoader().getResourceAsStream(OpenApiRoutes.RESOURCE)) {
      return new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
