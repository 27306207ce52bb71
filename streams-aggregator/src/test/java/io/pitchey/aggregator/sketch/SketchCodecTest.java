package io.pitchey.aggregator.sketch;

import static io.pitchey.aggregator.sketch.LatencySketchTest.sketchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SketchCodecTest {

  private static List<LatencySketch> examples() {
    SplittableRandom random = new SplittableRandom(9);
    return List.of(
        new LatencySketch(),
        sketchOf(0, 0, 0),
        sketchOf(1),
        sketchOf(0, 1, Long.MAX_VALUE),
        sketchOf(
            LongStream.generate(
                    () ->
                        SketchVectorsGenerator.logUniform(
                            random, 1, SketchVectorsGenerator.ONE_HOUR))
                .limit(20_000)
                .toArray()));
  }

  @Test
  void roundTripsExactly() {
    for (LatencySketch sketch : examples()) {
      byte[] bytes = SketchCodec.toBytes(sketch);
      assertThat(bytes).hasSize(SketchCodec.encodedSize(sketch));
      assertThat(SketchCodec.fromBytes(bytes).snapshot()).isEqualTo(sketch.snapshot());
    }
  }

  @Test
  void embedsInALargerRecord() {
    LatencySketch first = sketchOf(5, 50, 500);
    LatencySketch second = sketchOf(0, 7);
    ByteBuffer buffer =
        ByteBuffer.allocate(
            SketchCodec.encodedSize(first) + SketchCodec.encodedSize(second) + Integer.BYTES);
    SketchCodec.encode(first, buffer);
    buffer.putInt(42);
    SketchCodec.encode(second, buffer);
    assertThat(buffer.hasRemaining()).isFalse();

    buffer.flip();
    assertThat(SketchCodec.decode(buffer).snapshot()).isEqualTo(first.snapshot());
    assertThat(buffer.getInt()).isEqualTo(42);
    assertThat(SketchCodec.decode(buffer).snapshot()).isEqualTo(second.snapshot());
    assertThat(buffer.hasRemaining()).isFalse();
  }

  /** About two bytes per bin: a one-byte gap and a count below 128 (or two bytes up to 16,384). */
  @Test
  void isCompact() {
    SplittableRandom random = new SplittableRandom(1);
    LatencySketch sketch =
        sketchOf(
            LongStream.generate(
                    () -> Math.round(20_000 * Math.exp(SketchVectorsGenerator.gaussian(random))))
                .limit(10_000)
                .toArray());
    assertThat(SketchCodec.encodedSize(sketch)).isLessThan(3 * sketch.binCount() + 30);
    assertThat(SketchCodec.encodedSize(new LatencySketch())).isEqualTo(3);
  }

  @Test
  void rejectsMalformedBytes() {
    byte[] valid = SketchCodec.toBytes(sketchOf(0, 3, 3_000, 3_000_000));
    // every proper prefix is truncated
    for (int length = 0; length < valid.length; length++) {
      byte[] prefix = Arrays.copyOf(valid, length);
      assertThatIllegalArgumentException()
          .as("%d of %d bytes", length, valid.length)
          .isThrownBy(() -> SketchCodec.fromBytes(prefix));
    }
    assertRejected(Arrays.copyOf(valid, valid.length + 1), "after the end");
    byte[] unknownVersion = valid.clone();
    unknownVersion[0] = 2;
    assertRejected(unknownVersion, "version");
    assertRejected(new byte[] {1, 0, 1, (byte) 0x90, 0x11, 0}, "exceeds"); // bin 2192
    assertRejected(new byte[] {1, 0, (byte) 0xFF, 0x7F}, "at most"); // 16,383 bins

    ByteBuffer maxBelowMin =
        ByteBuffer.allocate(64)
            .put((byte) 1)
            .put((byte) 0)
            .put((byte) 1)
            .put((byte) 5)
            .put((byte) 0)
            .putDouble(2)
            .putDouble(1)
            .putDouble(1);
    assertRejected(Arrays.copyOf(maxBelowMin.array(), maxBelowMin.position()), "min");
  }

  @Test
  void serdeFollowsKafkaConventions() {
    try (SketchSerde serde = new SketchSerde()) {
      assertThat(serde.serializer().serialize("t", null)).isNull();
      assertThat(serde.deserializer().deserialize("t", null)).isNull();
      for (LatencySketch sketch : examples()) {
        byte[] bytes = serde.serializer().serialize("t", sketch);
        assertThat(serde.deserializer().deserialize("t", bytes).snapshot())
            .isEqualTo(sketch.snapshot());
      }
      assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9}))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("version");
    }
  }

  private static void assertRejected(byte[] bytes, String messagePart) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SketchCodec.fromBytes(bytes))
        .withMessageContaining(messagePart);
  }
}
