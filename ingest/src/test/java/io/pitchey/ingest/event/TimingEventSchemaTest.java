package io.pitchey.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema in the repository and the Java code agree: whatever the writer produces
 * validates, and whatever the schema rejects the reader rejects too (and what it accepts, the
 * reader reads).
 */
class TimingEventSchemaTest {
  static final String SCHEMA_RESOURCE = TimingEventJson.SCHEMA_RESOURCE;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = loadSchema();

  private static JsonSchema loadSchema() {
    try (InputStream in = TimingEventSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertThat(in).as(SCHEMA_RESOURCE + " on the classpath").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<ValidationMessage> validate(JsonNode document) {
    return SCHEMA.validate(document);
  }

  static List<TimingEvent> writtenEvents() {
    List<TimingEvent> events = new ArrayList<>();
    events.add(TimingEventJsonTest.EVENT);
    int i = 0;
    for (CacheStatus cache : CacheStatus.values()) {
      for (ContentClass content : ContentClass.values()) {
        int status = new int[] {200, 204, 304, 400, 404, 429, 500, 503}[i % 8];
        events.add(
            new TimingEvent(
                1,
                "e-" + i,
                "r-" + i,
                1_764_064_800_000_000L + i,
                "serving-api",
                "eu-west",
                "api-" + (i % 3),
                i % 2 == 0 ? "GET" : "POST",
                i % 5 == 0 ? TimingEvent.UNMATCHED_ROUTE : "/api/pitches/{id}",
                status,
                i * 1_000L,
                i * 10L,
                i % 4,
                cache,
                content,
                i * 100L,
                status >= 400 ? "http-" + status : null));
        i++;
      }
    }
    events.add(
        new TimingEvent(
            Integer.MAX_VALUE,
            "e-max",
            "r-max",
            Long.MAX_VALUE,
            "s",
            "r",
            "i",
            "M-SEARCH",
            "/",
            599,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            Integer.MAX_VALUE,
            CacheStatus.HIT,
            ContentClass.STATIC,
            Long.MAX_VALUE,
            "x"));
    return events;
  }

  @Test
  void every_event_the_writer_produces_validates() throws IOException {
    for (TimingEvent event : writtenEvents()) {
      JsonNode written = JSON.readTree(TimingEventJson.write(event));
      assertThat(validate(written)).as("%s", written).isEmpty();
    }
  }

  @Test
  void every_batch_the_writer_produces_validates() throws IOException {
    JsonNode batch = JSON.readTree(TimingEventJson.writeBatch(writtenEvents()));

    assertThat(batch.isArray()).isTrue();
    assertThat(validate(batch)).isEmpty();
    assertThat(TimingEventJson.read(JSON.writeValueAsBytes(batch)))
        .containsExactlyElementsOf(writtenEvents());
  }

  static ObjectNode valid() {
    try {
      return (ObjectNode) JSON.readTree(TimingEventJson.write(TimingEventJsonTest.EVENT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Arguments change(String what, Consumer<ObjectNode> change) {
    ObjectNode event = valid();
    change.accept(event);
    return Arguments.of(what, event);
  }

  static Stream<Arguments> rejected() {
    List<Arguments> cases = new ArrayList<>();
    List<String> required = new ArrayList<>();
    valid().fieldNames().forEachRemaining(required::add);
    required.remove("error_type");
    for (String field : required) {
      cases.add(change("without " + field, e -> e.remove(field)));
      cases.add(change(field + " null", e -> e.putNull(field)));
    }
    cases.add(change("status as a string", e -> e.put("status", "404")));
    cases.add(change("status as a fraction", e -> e.put("status", 404.5)));
    cases.add(change("status above 599", e -> e.put("status", 600)));
    cases.add(change("status below 100", e -> e.put("status", 99)));
    cases.add(change("v as a string", e -> e.put("v", "1")));
    cases.add(change("v as a boolean", e -> e.put("v", true)));
    cases.add(change("v zero", e -> e.put("v", 0)));
    cases.add(change("negative ts_us", e -> e.put("ts_us", -1)));
    cases.add(change("negative duration_us", e -> e.put("duration_us", -5)));
    cases.add(change("negative db_us", e -> e.put("db_us", -5)));
    cases.add(change("db_queries beyond int", e -> e.put("db_queries", 3_000_000_000L)));
    cases.add(
        change(
            "bytes beyond int64",
            e -> e.put("bytes", new java.math.BigInteger("9223372036854775808"))));
    cases.add(change("bytes as a string", e -> e.put("bytes", "117")));
    cases.add(change("cache in lower case", e -> e.put("cache", "miss")));
    cases.add(change("unknown cache status", e -> e.put("cache", "FRESH")));
    cases.add(change("content_class as a number", e -> e.put("content_class", 2)));
    cases.add(change("method in lower case", e -> e.put("method", "get")));
    cases.add(change("empty method", e -> e.put("method", "")));
    cases.add(change("method with a space", e -> e.put("method", "GE T")));
    cases.add(change("raw path without slash", e -> e.put("route", "api/pitches/42")));
    cases.add(change("empty route", e -> e.put("route", "")));
    cases.add(change("empty service", e -> e.put("service", "")));
    cases.add(change("service with the key separator", e -> e.put("service", "a|b")));
    cases.add(change("region with the key separator", e -> e.put("region", "eu|west")));
    cases.add(change("instance as a number", e -> e.put("instance", 7)));
    cases.add(change("empty event_id", e -> e.put("event_id", "")));
    cases.add(change("request_id as an object", e -> e.putObject("request_id")));
    cases.add(change("empty error_type", e -> e.put("error_type", "")));
    cases.add(change("error_type as a number", e -> e.put("error_type", 404)));
    cases.add(change("error_type on a success", e -> e.put("status", 200)));
    cases.add(Arguments.of("a string", JSON.getNodeFactory().textNode("GET /api/health")));
    cases.add(Arguments.of("a number", JSON.getNodeFactory().numberNode(42)));
    cases.add(Arguments.of("null", JSON.getNodeFactory().nullNode()));
    ArrayNode batch = JSON.createArrayNode();
    batch.add(valid());
    batch.add(valid().put("cache", "hit"));
    cases.add(Arguments.of("a batch with one bad event", batch));
    ArrayNode nested = JSON.createArrayNode();
    nested.add(JSON.createArrayNode().add(valid()));
    cases.add(Arguments.of("a nested batch", nested));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void what_the_schema_rejects_the_reader_rejects(String what, JsonNode document)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(document);

    assertThat(validate(document)).as("schema on %s", document).isNotEmpty();
    assertThatThrownBy(() -> TimingEventJson.read(bytes))
        .as("reader on %s", document)
        .isInstanceOf(InvalidEventException.class);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        change("an unknown field", e -> e.put("added_in_v2", "x")),
        change("an unknown object field", e -> e.putObject("trace").put("id", "abc")),
        change("a later compatible version", e -> e.put("v", 2)),
        change("a success without error_type", e -> e.put("status", 200).remove("error_type")),
        change("a success with a null error_type", e -> e.put("status", 204).putNull("error_type")),
        change("an unmatched route", e -> e.put("route", "<unmatched>")),
        Arguments.of("an empty batch", JSON.createArrayNode()),
        Arguments.of("a batch of one", JSON.createArrayNode().add(valid())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void what_the_schema_accepts_the_reader_reads(String what, JsonNode document) throws IOException {
    assertThat(validate(document)).as("schema on %s", document).isEmpty();
    assertThat(TimingEventJson.read(JSON.writeValueAsBytes(document)))
        .hasSize(document.isArray() ? document.size() : 1);
  }
}
