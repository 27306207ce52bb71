package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.TimingEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The caching headers, conditional requests and content coding of a cached route. */
@ExtendWith(DevStackExtension.class)
class CacheHttpSemanticsTest {
  /** Long enough that the pitch's JSON is worth compressing. */
  private static final String LONG_TITLE =
      "The Quiet Harbor, the Paper Signal and the Borrowed Tide: ".repeat(3).strip();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path cacheDir;
  private static final MutableClock clock = MutableClock.atNow();
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static TestPitches pitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, clock);
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_cached_reply_carries_every_caching_header() {
    long id = pitches.insertPublished(LONG_TITLE);

    HttpResponse<byte[]> miss = get(id);
    clock.advance(Duration.ofSeconds(42));
    HttpResponse<byte[]> hit = get(id);

    String expected = "public, max-age=900, stale-while-revalidate=60, stale-if-error=3600";
    assertThat(miss.headers().firstValue("Cache-Control")).hasValue(expected);
    assertThat(miss.headers().firstValue("CDN-Cache-Control")).hasValue(expected);
    assertThat(miss.headers().firstValue("ETag"))
        .hasValueSatisfying(tag -> assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\""));
    assertThat(miss.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(miss.headers().firstValue("Age")).isEmpty();
    assertThat(miss.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(miss.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    assertThat(hit.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    assertThat(hit.headers().firstValue("Age")).hasValue("42");
    assertThat(hit.headers().firstValue("ETag")).isEqualTo(miss.headers().firstValue("ETag"));
    assertThat(hit.headers().firstValue("Server-Timing"))
        .hasValueSatisfying(timing -> assertThat(timing).startsWith("cache;desc=hit, db;dur="));
  }

  @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "br, gzip               | br",
        "gzip, deflate          | gzip",
        "gzip;q=1, br;q=0.5     | gzip",
        "br;q=0, gzip;q=0       | identity",
        "identity               | identity",
        "*                      | br",
        "none                   | identity",
      })
  void the_body_is_sent_in_the_preferred_stored_coding(String acceptEncoding, String expected)
      throws IOException {
    long id = pitches.insertPublished(LONG_TITLE);
    byte[] identity = get(id).body();

    HttpResponse<byte[]> response =
        acceptEncoding == null ? get(id) : get(id, "Accept-Encoding", acceptEncoding);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding").orElse("identity"))
        .isEqualTo(expected);
    assertThat(decode(expected, response.body())).isEqualTo(identity);
    if (!expected.equals("identity")) {
      assertThat(response.body().length).isLessThan(identity.length);
    }
  }

  @ParameterizedTest(name = "If-None-Match: {0}")
  @CsvSource(
      delimiter = '|',
      value = {"<tag>", "\"other\", <tag>", "W/<tag>", "*"})
  void a_matching_if_none_match_is_answered_304_from_the_cache_without_a_query(String header) {
    long id = pitches.insertPublished(LONG_TITLE);
    String etag = get(id).headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> notModified = get(id, "If-None-Match", header.replace("<tag>", etag));

    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(notModified.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(control -> assertThat(control).startsWith("public, max-age=900"));
    assertThat(notModified.headers().firstValue("Content-Encoding")).isEmpty();
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(notModified));
    assertThat(event.dbQueries()).isZero();
  }

  @Test
  void each_content_coding_has_its_own_strong_etag() {
    long id = pitches.insertPublished(LONG_TITLE);

    String identity = get(id).headers().firstValue("ETag").orElseThrow();
    String brotli = get(id, "Accept-Encoding", "br").headers().firstValue("ETag").orElseThrow();
    String gzip = get(id, "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();

    String hash = identity.substring(0, identity.length() - 1);
    assertThat(brotli).isEqualTo(hash + "-br\"");
    assertThat(gzip).isEqualTo(hash + "-gzip\"");
  }

  @Test
  void a_client_holding_the_brotli_variant_revalidates_it_without_accepting_brotli() {
    long id = pitches.insertPublished(LONG_TITLE);
    String brotli = get(id, "Accept-Encoding", "br").headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> notModified = get(id, "If-None-Match", brotli);

    // the content is unchanged: the 304 names the tag the client holds, so it can reuse that
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers().firstValue("ETag")).hasValue(brotli);
    assertThat(notModified.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void a_client_holding_a_variant_of_an_older_body_gets_the_new_body_and_its_tag()
      throws IOException {
    long id = pitches.insertPublished(LONG_TITLE);
    String brotli = get(id, "Accept-Encoding", "br").headers().firstValue("ETag").orElseThrow();
    String outdated = brotli.replace("-br\"", "x-br\"");

    HttpResponse<byte[]> response = get(id, "If-None-Match", outdated, "Accept-Encoding", "br");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).hasValue(brotli);
    assertThat(decode("br", response.body())).isEqualTo(get(id).body());
  }

  @Test
  void an_if_none_match_naming_another_tag_gets_the_full_body() {
    long id = pitches.insertPublished(LONG_TITLE);
    get(id);

    HttpResponse<byte[]> response = get(id, "If-None-Match", "\"stale-tag\", W/\"older\"");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Quiet Harbor");
  }

  @Test
  void an_entry_reloaded_unchanged_after_expiry_is_revalidated() {
    long id = pitches.insertPublished(LONG_TITLE);
    get(id);
    clock.advance(Duration.ofMinutes(16));

    HttpResponse<byte[]> reloaded = get(id);

    assertThat(reloaded.headers().firstValue("X-Cache-Status")).hasValue("REVALIDATED");
    assertThat(reloaded.headers().firstValue("Server-Timing"))
        .hasValueSatisfying(timing -> assertThat(timing).startsWith("cache;desc=revalidated"));
  }

  private static byte[] decode(String coding, byte[] body) throws IOException {
    return switch (coding) {
      case "br" -> Decoder.decompress(body).getDecompressedData();
      case "gzip" -> {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          yield in.readAllBytes();
        }
      }
      default -> body;
    };
  }

  /** GET the pitch; the body as sent on the wire (java.net.http does not decompress). */
  private static HttpResponse<byte[]> get(long id, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/api/pitches/" + id))
            .timeout(Duration.ofSeconds(10))
            .header("X-Request-ID", "test-" + UUID.randomUUID());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
