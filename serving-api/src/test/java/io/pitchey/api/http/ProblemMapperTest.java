package io.pitchey.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies that cannot be bound, answered by {@link ProblemMapper} alone: an echo route reads
 * its body the way resource routes do ({@code ApiJson.mapper().readValue(ctx.bodyAsBytes(), ..)}).
 */
class ProblemMapperTest {
  private static final int MAX_BODY_BYTES = 1_024;
  private static Javalin http;
  private static ApiClient client;

  /** A body type that validates like the API's: its constructor refuses bad values. */
  record Draft(String title, int runtimeMinutes, List<Credit> credits) {
    Draft {
      Objects.requireNonNull(title, "title");
      if (title.isBlank() || title.length() > 200) {
        throw new IllegalArgumentException("title must be 1..200 characters");
      }
    }
  }

  record Credit(String name, int year) {}

  @BeforeAll
  static void start() {
    http =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
                  config.http.maxRequestSize = MAX_BODY_BYTES;
                  new ProblemMapper(MAX_BODY_BYTES).addTo(config.routes);
                  config.routes.post(
                      "/echo",
                      ctx -> ctx.json(ApiJson.mapper().readValue(ctx.bodyAsBytes(), Draft.class)));
                })
            .start(0);
    client = new ApiClient(http.port());
  }

  @AfterAll
  static void stop() {
    http.stop();
  }

  private static HttpResponse<String> post(byte[] body) {
    return client.send(
        client
            .request("/echo")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static HttpResponse<String> post(String body) {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_valid_body_is_read_with_snake_case_names() {
    HttpResponse<String> response =
        post("{\"title\":\"Dune\",\"runtime_minutes\":155,\"credits\":[]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.of(response).path("runtime_minutes").asInt()).isEqualTo(155);
  }

  @Test
  void malformed_json_is_a_400_naming_the_line_and_column() {
    HttpResponse<String> response = post("{\"title\":\"Dune\",\n  \"runtime_minutes\": }");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:validation");
    assertThat(problem.path("detail").asText())
        .startsWith("The body is not valid JSON at line 2, column");
  }

  @Test
  void invalid_utf8_is_a_400_validation_problem() {
    byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(Json.of(response).path("detail").asText())
        .contains("not valid JSON")
        .containsIgnoringCase("UTF-8");
  }

  @Test
  void data_after_the_json_value_is_a_400() {
    HttpResponse<String> response =
        post("{\"title\":\"Dune\",\"runtime_minutes\":1,\"credits\":[]} {}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.of(response).path("type").asText()).isEqualTo("urn:pitchey:problem:validation");
  }

  @Test
  void an_unknown_field_is_a_400_naming_the_field() {
    HttpResponse<String> response =
        post("{\"title\":\"Dune\",\"runtime_minutes\":1,\"credits\":[],\"budget\":5}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("field").asText()).isEqualTo("budget");
    assertThat(problem.path("detail").asText()).contains("Unknown field 'budget'");
  }

  @Test
  void a_value_of_the_wrong_type_is_a_400_naming_the_field_path() {
    HttpResponse<String> response =
        post(
            "{\"title\":\"Dune\",\"runtime_minutes\":1,"
                + "\"credits\":[{\"name\":\"A\",\"year\":1984},{\"name\":\"B\",\"year\":\"soon\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("field").asText()).isEqualTo("credits[1].year");
    assertThat(problem.path("detail").asText())
        .isEqualTo("Field 'credits[1].year' must be an integer; was 'soon'.");
  }

  @Test
  void a_value_the_record_refuses_is_a_422_with_its_message_and_field() {
    HttpResponse<String> response = post("{\"title\":\"  \",\"runtime_minutes\":1,\"credits\":[]}");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:unprocessable");
    assertThat(problem.path("detail").asText()).isEqualTo("title must be 1..200 characters");
    assertThat(problem.path("field").asText()).isEqualTo("title");
  }

  @Test
  void a_missing_required_field_is_a_422_naming_it() {
    HttpResponse<String> response = post("{\"runtime_minutes\":1,\"credits\":[]}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Json.of(response).path("field").asText()).isEqualTo("title");
    assertThat(Json.of(response).path("detail").asText()).isEqualTo("Field 'title' is required.");
  }

  @Test
  void a_chunked_body_over_the_limit_is_a_413_problem() {
    byte[] body = new byte[MAX_BODY_BYTES * 4];
    java.util.Arrays.fill(body, (byte) ' ');

    HttpResponse<String> response =
        client.send(
            client
                .request("/echo")
                .header("Content-Type", "application/json")
                // no Content-Length: only reading tells the size
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.of(response).path("detail").asText()).contains(MAX_BODY_BYTES + " bytes");
  }
}
