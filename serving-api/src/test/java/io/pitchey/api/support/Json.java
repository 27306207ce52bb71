package io.pitchey.api.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Reads response bodies as JSON trees. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode of(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
