package io.pitchey.api.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.ContentCoding;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DevStackExtension.class)
class AssetRoutesTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String IMMUTABLE = "public, max-age=604800, immutable";

  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static final AssetCatalog catalog = AssetCatalog.fromClasspath();
  private static ApiFixture api;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_hashed_asset_is_sent_as_brotli_with_exact_caching_headers() {
    StaticAsset script = asset("app.js");
    StaticAsset.Variant brotli = script.variant(ContentCoding.BROTLI);

    HttpResponse<byte[]> response =
        get("/static/" + script.file(), "Accept-Encoding", "gzip, deflate, br, zstd");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Type")).isEqualTo("text/javascript;charset=utf-8");
    assertThat(header(response, "Content-Encoding")).isEqualTo("br");
    assertThat(header(response, "Content-Length"))
        .isEqualTo(Integer.toString(brotli.body().length));
    assertThat(header(response, "Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(header(response, "CDN-Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(header(response, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(header(response, "ETag")).isEqualTo(brotli.etag());
    assertThat(header(response, "X-Cache-Status")).isEqualTo("HIT");
    assertThat(response.body()).isEqualTo(brotli.body());
    assertThat(Variants.decode(ContentCoding.BROTLI, response.body()))
        .isEqualTo(script.variant(ContentCoding.IDENTITY).body());
  }

  @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "br;q=0, gzip | GZIP",
        "gzip;q=1, br;q=0.5 | GZIP",
        "x-gzip | GZIP",
        "br;q=0.2, gzip;q=0.1 | BROTLI",
        "* | BROTLI",
        "*;q=0.5, br;q=0 | GZIP",
        "br;q=0, gzip;q=0 | IDENTITY",
        "deflate | IDENTITY",
        "identity;q=0, *;q=0 | IDENTITY",
      })
  void the_coding_follows_the_client_s_q_values(String acceptEncoding, ContentCoding expected) {
    // the largest hashed asset, one Javalin would compress again, were its compression not turned
    // off
    StaticAsset script = asset("app.js");

    HttpResponse<byte[]> response =
        get("/static/" + script.file(), "Accept-Encoding", acceptEncoding);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding"))
        .isEqualTo(
            expected == ContentCoding.IDENTITY ? Optional.empty() : Optional.of(expected.token()));
    assertThat(response.body()).isEqualTo(script.variant(expected).body());
    assertThat(header(response, "ETag")).isEqualTo(script.variant(expected).etag());
    assertThat(Variants.decode(expected, response.body()))
        .isEqualTo(script.variant(ContentCoding.IDENTITY).body());
  }

  @Test
  void without_accept_encoding_every_asset_is_sent_as_it_was_minified() {
    for (StaticAsset asset : catalog.all()) {
      if (!asset.immutable()) {
        continue;
      }
      HttpResponse<byte[]> response = get("/static/" + asset.file());

      assertThat(response.statusCode()).as(asset.file()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(header(response, "Content-Type")).isEqualTo(asset.contentType());
      assertThat(response.body()).isEqualTo(asset.variant(ContentCoding.IDENTITY).body());
      assertThat(header(response, "Content-Length"))
          .isEqualTo(Integer.toString(response.body().length));
    }
  }

  @ParameterizedTest(name = "If-None-Match: {0}")
  @CsvSource(
      delimiter = '|',
      value = {"{etag}", "W/{etag}", "\"elsewhere\", {etag}", "*"})
  void a_matching_if_none_match_is_answered_304_without_a_body(String ifNoneMatch) {
    StaticAsset script = asset("app.js");
    String etag = script.variant(ContentCoding.GZIP).etag();

    HttpResponse<byte[]> response =
        get(
            "/static/" + script.file(),
            "Accept-Encoding",
            "gzip",
            "If-None-Match",
            ifNoneMatch.replace("{etag}", etag));

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
    assertThat(header(response, "ETag")).isEqualTo(etag);
    assertThat(header(response, "Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(header(response, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void head_answers_the_headers_of_get_without_a_body() {
    StaticAsset script = asset("app.js");
    StaticAsset.Variant brotli = script.variant(ContentCoding.BROTLI);

    HttpResponse<byte[]> response =
        send("HEAD", "/static/" + script.file(), "Accept-Encoding", "br");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(header(response, "Content-Encoding")).isEqualTo("br");
    assertThat(header(response, "Content-Length"))
        .isEqualTo(Integer.toString(brotli.body().length));
    assertThat(header(response, "ETag")).isEqualTo(brotli.etag());
    assertThat(header(response, "Cache-Control")).isEqualTo(IMMUTABLE);
  }

  @Test
  void the_tag_of_another_coding_does_not_match() {
    StaticAsset script = asset("app.js");

    HttpResponse<byte[]> response =
        get(
            "/static/" + script.file(),
            "Accept-Encoding",
            "br",
            "If-None-Match",
            script.variant(ContentCoding.IDENTITY).etag());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(script.variant(ContentCoding.BROTLI).body());
  }

  @Test
  void an_unknown_or_unhashed_asset_name_is_a_404_problem() {
    for (String path :
        new String[] {"/static/app.0000000000.js", "/static/app.js", "/static/index.html"}) {
      HttpResponse<byte[]> response = get(path, "Accept-Encoding", "br");

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
      assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
      JsonNode problem = json(response);
      assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:not-found");
      assertThat(problem.path("instance").asText()).isEqualTo(path);
    }
  }

  @Test
  void the_landing_page_is_cached_briefly_and_links_hashed_assets_that_are_served() {
    StaticAsset page = asset("index.html");
    for (String path : new String[] {"/", "/index.html"}) {
      HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip");

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(header(response, "Content-Type")).isEqualTo("text/html;charset=utf-8");
      assertThat(header(response, "Cache-Control")).isEqualTo("public, max-age=300");
      assertThat(header(response, "CDN-Cache-Control")).isEqualTo("public, max-age=300");
      assertThat(header(response, "Content-Encoding")).isEqualTo("gzip");
      assertThat(header(response, "ETag")).isEqualTo(page.variant(ContentCoding.GZIP).etag());
      assertThat(response.body()).isEqualTo(page.variant(ContentCoding.GZIP).body());
    }
    String html = new String(page.variant(ContentCoding.IDENTITY).body(), StandardCharsets.UTF_8);
    for (String linked : new String[] {"app.css", "app.js", "favicon.svg"}) {
      String file = asset(linked).file();
      assertThat(html).contains("\"/static/" + file + "\"").doesNotContain("/static/" + linked);
      assertThat(get("/static/" + file).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void served_assets_are_timed_as_static_cache_hits() {
    HttpResponse<byte[]> asset = get("/static/" + asset("favicon.svg").file());
    HttpResponse<byte[]> page = get("/");

    for (HttpResponse<byte[]> response : List.of(asset, page)) {
      TimingEvent event = events.awaitEventOf(header(response, "X-Request-ID"));
      assertThat(event.contentClass()).isEqualTo(ContentClass.STATIC);
      assertThat(event.cache()).isEqualTo(CacheStatus.HIT);
      assertThat(event.bytes()).isEqualTo(response.body().length);
    }
    assertThat(events.awaitEventOf(header(asset, "X-Request-ID")).route())
        .isEqualTo("/static/{file}");
  }

  private static StaticAsset asset(String logicalName) {
    return catalog.byLogicalName(logicalName).orElseThrow();
  }

  private static HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-Request-ID", "test-" + UUID.randomUUID());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(
          request.method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return ApiJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
