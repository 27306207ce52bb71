package io.pitchey.aggregator.window;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary form of open windows in the state stores. */
class RouteWindowCodecTest {
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void a_window_reads_back_exactly_as_it_was_written() {
    for (int run = 0; run < 200; run++) {
      RouteWindow window = RouteWindow.empty().plus(events(1 + random.nextInt(2_000)));

      RouteWindow read = RouteWindowCodec.fromBytes(RouteWindowCodec.toBytes(window)).snapshot();

      assertThat(read).isEqualTo(window);
    }
  }

  @Test
  void an_empty_window_reads_back_empty() {
    RouteWindow read =
        RouteWindowCodec.fromBytes(RouteWindowCodec.toBytes(RouteWindow.empty())).snapshot();

    assertThat(read).isEqualTo(RouteWindow.empty());
    assertThat(read.isEmpty()).isTrue();
  }

  @Test
  void a_window_stored_as_json_by_an_earlier_version_still_reads() {
    RouteWindow window = RouteWindow.empty().plus(events(300));
    byte[] json = WindowJson.routeWindowSerde().serializer().serialize("t", window);

    assertThat(RouteWindowCodec.fromBytes(json).snapshot()).isEqualTo(window);
  }

  @Test
  void a_busy_window_takes_well_under_four_kilobytes() {
    RouteWindow window = RouteWindow.empty().plus(events(50_000));

    int bytes = RouteWindowCodec.toBytes(window).length;
    int json = WindowJson.routeWindowSerde().serializer().serialize("t", window).length;

    assertThat(bytes).isLessThan(4_096).isLessThan(json / 2);
  }

  @Test
  void truncated_or_trailing_bytes_are_refused_with_a_reason() {
    byte[] bytes = RouteWindowCodec.toBytes(RouteWindow.empty().plus(events(100)));
    var deserializer = RouteWindowCodec.serde().deserializer();

    for (int cut : new int[] {1, 5, bytes.length / 2, bytes.length - 1}) {
      assertThatThrownBy(() -> deserializer.deserialize("t", Arrays.copyOf(bytes, cut)))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("cannot read a window from t");
    }
    assertThatThrownBy(() -> RouteWindowCodec.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("after the end of the window");
    byte[] unknown = bytes.clone();
    unknown[0] = 9;
    assertThatThrownBy(() -> RouteWindowCodec.fromBytes(unknown))
        .hasMessageContaining("unknown window format version 9");
  }

  @Test
  void tombstones_stay_null() {
    assertThat(RouteWindowCodec.serde().serializer().serialize("t", null)).isNull();
    assertThat(RouteWindowCodec.serde().deserializer().deserialize("t", null)).isNull();
  }

  /** Log-normal latencies around 5 ms, some failures of a few types, some without DB time. */
  private List<TimingEvent> events(int n) {
    List<TimingEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long durationUs = Math.max(0, Math.round(5_000 * Math.exp(1.2 * random.nextGaussian())));
      int roll = random.nextInt(100);
      int status = roll < 2 ? 503 : roll < 5 ? 404 : 200;
      String errorType = status == 200 ? null : roll == 0 ? null : "type-" + (roll % 4);
      int queries = random.nextInt(3);
      events.add(
          timingEvent()
              .eventId("e-" + i)
              .requestId("r-" + random.nextInt(1_000_000))
              .tsUs(1_000_000L + i)
              .status(status)
              .errorType(errorType)
              .durationUs(durationUs)
              .db(queries == 0 ? 0 : durationUs / 2, queries)
              .cache(CacheStatus.values()[random.nextInt(CacheStatus.values().length)])
              .bytes(random.nextInt(10_000))
              .build());
    }
    return events;
  }
}
