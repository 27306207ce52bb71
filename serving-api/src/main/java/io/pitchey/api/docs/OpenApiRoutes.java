package io.pitchey.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.http.ETags;
import io.pitchey.api.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the API's OpenAPI 3 description. It is maintained by hand in
 * {@value #RESOURCE} (YAML reads and reviews better than JSON) and checked against real responses
 * by the tests, so it cannot drift from what the API does. Converted to JSON once, at start-up.
 */
public final class OpenApiRoutes implements Routes {
  public static final String RESOURCE = "openapi/pitchey-api.yaml";
  public static final String PATH = "/api/openapi.json";
  private static final String CACHE_CONTROL = "public, max-age=300";

  private final byte[] json;
  private final String etag;

  private OpenApiRoutes(byte[] json) {
    this.json = json;
    this.etag = ETags.of(json);
  }

  /** Reads and converts the document; fails start-up if it is missing or not valid YAML. */
  public static OpenApiRoutes load() {
    return new OpenApiRoutes(toJson(document()));
  }

  /** The document as a JSON tree, e.g. for tests that validate responses against it. */
  public static JsonNode document() {
    try (InputStream yaml = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static byte[] toJson(JsonNode document) {
    try {
      return new ObjectMapper().writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, PATH, this::get);
  }

  private void get(Context ctx) {
    ctx.header(Header.CACHE_CONTROL, CACHE_CONTROL).header(Header.ETAG, etag);
    if (ETags.matches(ctx.header(Header.IF_NONE_MATCH), etag)) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json);
  }
}
