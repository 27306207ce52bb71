package io.pitchey.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming writer against the bean serializer it replaced: for random events, including the
 * strings and numbers at the edges of the contract, both write the same bytes, and what is written
 * reads back as the same events.
 */
class TimingEventJsonWriterTest {
  /**
   * The writer before the streaming one: the bean serializer of a mapper built as {@code
   * TimingEventJson}'s (its coercion settings concern reading only and are left out).
   */
  private static final ObjectMapper BEAN_SERIALIZER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private static final int EVENTS = 20_000;
  private static final long SEED = 0x5EED_2026_1125L;

  /** Characters that need escaping or several UTF-8 bytes, or that a writer may get wrong. */
  private static final int[] AWKWARD =
      concat(
          range(0x00, 0x20),
          new int[] {
            '"', '\\', '/', '\'', 0x7F, 0x80, 0xA0, 0xFF, 0x100, 0x7FF, 0x800, 0x2028, 0x2029,
            0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, '<', '>', '&', '|'
          });

  private static final long[] EDGE_LONGS = {
    0,
    1,
    9,
    10,
    99,
    100,
    999_999,
    1_000_000,
    Integer.MAX_VALUE,
    Integer.MAX_VALUE + 1L,
    1_764_064_800_123_456L,
    Long.MAX_VALUE / 10,
    Long.MAX_VALUE - 1,
    Long.MAX_VALUE
  };

  private static final int[] EDGE_INTS = {
    0, 1, 9, 10, 99, 100, 65_535, 999_999, 1_000_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
  };

  @Test
  void every_random_event_is_written_as_the_bean_serializer_wrote_it_and_reads_back_equal()
      throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < EVENTS; i++) {
      TimingEvent event = randomEvent(random);

      byte[] written = TimingEventJson.write(event);

      assertThat(written)
          .as("event %d: %s", i, event)
          .isEqualTo(BEAN_SERIALIZER.writeValueAsBytes(event));
      assertThat(TimingEventJson.read(written)).as("event %d", i).containsExactly(event);
    }
  }

  @Test
  void every_random_batch_is_written_as_the_bean_serializer_wrote_it_and_reads_back_equal()
      throws Exception {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    // Sizes around the single-event case and well past the previous batch's size (the sizing hint).
    int[] sizes = {0, 1, 2, 3, 250, 1, 17, 500, 5, 0, 1_000, 2};
    for (int size : sizes) {
      List<TimingEvent> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(randomEvent(random));
      }
      byte[] oracle =
          size == 1
              ? BEAN_SERIALIZER.writeValueAsBytes(batch.get(0))
              : BEAN_SERIALIZER.writeValueAsBytes(batch);

      byte[] written = TimingEventJson.writeBatch(batch);

      assertThat(written).as("batch of %d", size).isEqualTo(oracle);
      if (size > 0) {
        assertThat(TimingEventJson.read(written)).as("batch of %d", size).isEqualTo(batch);
      }
    }
  }

  @Test
  void an_event_without_error_type_has_no_error_type_field() {
    TimingEvent ok =
        new TimingEvent(
            1,
            "e",
            "r",
            0,
            "s",
            "g",
            "i",
            "GET",
            "/",
            200,
            0,
            0,
            0,
            CacheStatus.HIT,
            ContentClass.STATIC,
            0,
            null);

    assertThat(new String(TimingEventJson.write(ok), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"event_id\":\"e\",\"request_id\":\"r\",\"ts_us\":0,\"service\":\"s\","
                + "\"region\":\"g\",\"instance\":\"i\",\"method\":\"GET\",\"route\":\"/\","
                + "\"status\":200,\"duration_us\":0,\"db_us\":0,\"db_queries\":0,\"cache\":\"HIT\","
                + "\"content_class\":\"STATIC\",\"bytes\":0}");
  }

  private static TimingEvent randomEvent(SplittableRandom random) {
    int status = 100 + random.nextInt(500);
    boolean withError = status >= 400 && random.nextBoolean();
    return new TimingEvent(
        random.nextInt(4) == 0 ? 1 + pickInt(random) % Integer.MAX_VALUE : 1,
        text(random, 1, 40),
        text(random, 1, 40),
        pickLong(random),
        keyPart(random),
        keyPart(random),
        keyPart(random),
        method(random),
        random.nextInt(20) == 0 ? TimingEvent.UNMATCHED_ROUTE : "/" + text(random, 0, 60),
        status,
        pickLong(random),
        pickLong(random),
        pickInt(random),
        CacheStatus.values()[random.nextInt(CacheStatus.values().length)],
        ContentClass.values()[random.nextInt(ContentClass.values().length)],
        pickLong(random),
        withError ? text(random, 1, 30) : null);
  }

  private static String keyPart(SplittableRandom random) {
    String text;
    do {
      text = text(random, 1, 30).replace('|', '!');
    } while (text.isEmpty());
    return text;
  }

  private static String method(SplittableRandom random) {
    String tail = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    StringBuilder method = new StringBuilder().append((char) ('A' + random.nextInt(26)));
    for (int n = random.nextInt(8); n > 0; n--) {
      method.append(tail.charAt(random.nextInt(tail.length())));
    }
    return method.toString();
  }

  /** Valid Unicode (no lone surrogates), mixing plain ASCII, awkward and random code points. */
  private static String text(SplittableRandom random, int minLength, int maxLength) {
    int length = minLength + random.nextInt(maxLength - minLength + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(4);
      int codePoint =
          switch (kind) {
            case 0 -> 0x20 + random.nextInt(0x5F);
            case 1 -> AWKWARD[random.nextInt(AWKWARD.length)];
            default -> randomCodePoint(random);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static int randomCodePoint(SplittableRandom random) {
    int codePoint;
    do {
      codePoint = random.nextInt(random.nextBoolean() ? 0x800 : Character.MAX_CODE_POINT + 1);
    } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    return codePoint;
  }

  private static long pickLong(SplittableRandom random) {
    return random.nextBoolean()
        ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)]
        : random.nextLong(0, Long.MAX_VALUE);
  }

  private static int pickInt(SplittableRandom random) {
    return random.nextBoolean()
        ? EDGE_INTS[random.nextInt(EDGE_INTS.length)]
        : random.nextInt(0, Integer.MAX_VALUE);
  }

  private static int[] range(int from, int to) {
    int[] values = new int[to - from];
    for (int i = 0; i < values.length; i++) {
      values[i] = from + i;
    }
    return values;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] all = new int[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
