package io.pitchey.aggregator.sketch;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The compact binary form of a {@link LatencySketch}, for Kafka Streams state stores and window
 * records. A sketch of a few hundred bins takes about two bytes per bin.
 *
 * <p>Format, version 1 (integers are unsigned LEB128 varints, doubles 8-byte big-endian IEEE 754):
 *
 * <pre>
 *   byte    version = 1
 *   varint  zeroCount
 *   varint  n                      number of non-empty bins
 *   n ×     varint gap             first bin index; then (bin − previous bin − 1)
 *           varint count − 1
 *   double  min, max, sum          only if count &gt; 0
 * </pre>
 *
 * The total count is not stored: it is zeroCount plus the bins' counts. Gaps and counts are stored
 * minus one, so every decodable input has strictly ascending bins and positive counts; {@link
 * #decode} checks the rest (bin range, overflow, min ≤ max, trailing bytes for {@link #fromBytes})
 * and throws {@link IllegalArgumentException} on malformed input.
 *
 * <p>{@link #encode} and {@link #decode} work on a caller's {@link ByteBuffer}, so that a record
 * holding sketches can embed them in its own serialized form. Stateless and thread-safe.
 */
public final class SketchCodec {

  /**
   * The first byte of every encoded sketch. A new format gets a new version; decoders keep old
   * ones.
   */
  static final byte VERSION = 1;

  private SketchCodec() {}

  /** The exact number of bytes {@link #encode} writes for this sketch. */
  public static int encodedSize(LatencySketch sketch) {
    SizeCounter counter = new SizeCounter();
    sketch.forEachBin(counter);
    int size = 1 + varLongSize(sketch.zeroCount()) + varLongSize(sketch.binCount()) + counter.size;
    return sketch.isEmpty() ? size : size + 3 * Double.BYTES;
  }

  /**
   * Writes the sketch at the buffer's position, advancing it by {@link #encodedSize}.
   *
   * @throws java.nio.BufferOverflowException if the buffer has less room
   */
  public static void encode(LatencySketch sketch, ByteBuffer out) {
    out.put(VERSION);
    putVarLong(out, sketch.zeroCount());
    putVarLong(out, sketch.binCount());
    sketch.forEachBin(new BinWriter(out));
    if (!sketch.isEmpty()) {
      out.putDouble(sketch.min());
      out.putDouble(sketch.max());
      out.putDouble(sketch.sum());
    }
  }

  /**
   * Reads a sketch at the buffer's position, advancing it past the sketch.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoded sketch
   */
  public static LatencySketch decode(ByteBuffer in) {
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown sketch format version " + version);
      }
      long zeroCount = getVarLong(in);
      if (zeroCount < 0) {
        throw new IllegalArgumentException("the zero count overflows a long");
      }
      long binCount = getVarLong(in);
      if (binCount < 0 || binCount > SketchBins.MAX_BIN + 1) {
        throw new IllegalArgumentException(
            "a sketch has at most "
                + (SketchBins.MAX_BIN + 1)
                + " bins, got "
                + Long.toUnsignedString(binCount));
      }
      // read into exact-size arrays first, so the sketch's dense array is allocated once, at its
      // final size
      int[] bins = new int[(int) binCount];
      long[] counts = new long[(int) binCount];
      long count = zeroCount;
      long previous = -1;
      for (int k = 0; k < bins.length; k++) {
        long bin = previous + 1 + getVarLong(in);
        long countMinusOne = getVarLong(in);
        if (bin < 0 || bin > SketchBins.MAX_BIN) {
          throw new IllegalArgumentException(
              "a bin index after bin " + previous + " exceeds " + SketchBins.MAX_BIN);
        }
        if (countMinusOne < 0 || countMinusOne == Long.MAX_VALUE) {
          throw new IllegalArgumentException("the count of bin " + bin + " overflows a long");
        }
        bins[k] = (int) bin;
        counts[k] = countMinusOne + 1;
        count = addCounts(count, counts[k]);
        previous = bin;
      }
      double min = Double.NaN;
      double max = Double.NaN;
      double sum = 0;
      if (count > 0) {
        min = in.getDouble();
        max = in.getDouble();
        sum = in.getDouble();
      }
      SketchSnapshot.checkSummary(count, min, max, sum);
      return LatencySketch.restore(zeroCount, bins, counts, min, max, sum, count);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated sketch", e);
    }
  }

  /** The sketch as a byte array of exactly {@link #encodedSize} bytes. */
  public static byte[] toBytes(LatencySketch sketch) {
    ByteBuffer buffer = ByteBuffer.allocate(encodedSize(sketch));
    encode(sketch, buffer);
    return buffer.array();
  }

  /**
   * The sketch encoded in exactly these bytes.
   *
   * @throws IllegalArgumentException if they are not one valid encoded sketch (with nothing after
   *     it)
   */
  public static LatencySketch fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    LatencySketch sketch = decode(buffer);
    if (buffer.hasRemaining()) {
      throw new IllegalArgumentException(buffer.remaining() + " bytes after the end of the sketch");
    }
    return sketch;
  }

  private static long addCounts(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the sketch's total count overflows a long", e);
    }
  }

  static int varLongSize(long value) {
    return Varints.size(value);
  }

  static void putVarLong(ByteBuffer out, long value) {
    Varints.put(out, value);
  }

  static long getVarLong(ByteBuffer in) {
    return Varints.get(in);
  }

  private static final class SizeCounter implements BinCounts.BinConsumer {
    private int previous = -1;
    private int size;

    @Override
    public void accept(int bin, long count) {
      size += varLongSize(bin - previous - 1) + varLongSize(count - 1);
      previous = bin;
    }
  }

  private static final class BinWriter implements BinCounts.BinConsumer {
    private final ByteBuffer out;
    private int previous = -1;

    BinWriter(ByteBuffer out) {
      this.out = out;
    }

    @Override
    public void accept(int bin, long count) {
      putVarLong(out, bin - previous - 1);
      putVarLong(out, count - 1);
      previous = bin;
    }
  }
}
