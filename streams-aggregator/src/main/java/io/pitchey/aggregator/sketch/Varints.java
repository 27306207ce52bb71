package io.pitchey.aggregator.sketch;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints, as the binary forms of sketches and windows use them: 7 bits per byte,
 * least significant first, so small non-negative numbers take one byte.
 */
public final class Varints {
  private Varints() {}

  /** The number of bytes {@link #put} writes for {@code value}. */
  public static int size(long value) {
    // 64 - numberOfLeadingZeros is the bit length (0 for 0, which still takes a byte)
    int bits = 64 - Long.numberOfLeadingZeros(value);
    return Math.max(1, (bits + 6) / 7);
  }

  public static void put(ByteBuffer out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  /**
   * @throws IllegalArgumentException if the varint is longer than 10 bytes
   * @throws java.nio.BufferUnderflowException if it is cut short
   */
  public static long get(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a varint is longer than 10 bytes");
  }
}
