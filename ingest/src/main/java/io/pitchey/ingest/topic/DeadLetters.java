package io.pitchey.ingest.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Records for {@link Topics#REQUEST_TIMINGS_DLQ}: the failed record's key and value exactly as they
 * were (raw bytes, so even unparseable records survive), its own headers, and these headers, all
 * UTF-8 text:
 *
 * <ul>
 *   <li>{@value #REASON}: why it failed, e.g. {@code invalid timing record: status: ...};
 *   <li>{@value #SOURCE}: where it came from: a topic, or {@code http:/api/ingest/timings}, {@code
 *       backfill:FILE:LINE};
 *   <li>{@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}: its position, for records read from a
 *       topic;
 *   <li>{@value #FAILED_AT}: when it was rejected, ISO-8601 UTC.
 * </ul>
 */
public final class DeadLetters {
  public static final String REASON = "pitchey.dlq.reason";
  public static final String SOURCE = "pitchey.dlq.source";
  public static final String SOURCE_PARTITION = "pitchey.dlq.source-partition";
  public static final String SOURCE_OFFSET = "pitchey.dlq.source-offset";
  public static final String FAILED_AT = "pitchey.dlq.failed-at";

  private DeadLetters() {}

  /**
   * A dead letter for a record read from a topic (partition and offset ≥ 0), or from elsewhere
   * (pass -1 for both).
   */
  public static ProducerRecord<byte[], byte[]> of(
      byte @Nullable [] key,
      byte @Nullable [] value,
      @Nullable Headers original,
      String source,
      int partition,
      long offset,
      String reason,
      Instant failedAt) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      for (Header header : original) {
        headers.add(header);
      }
    }
    headers.add(REASON, utf8(reason));
    headers.add(SOURCE, utf8(source));
    if (partition >= 0) {
      headers.add(SOURCE_PARTITION, utf8(String.valueOf(partition)));
      headers.add(SOURCE_OFFSET, utf8(String.valueOf(offset)));
    }
    headers.add(FAILED_AT, utf8(failedAt.toString()));
    return new ProducerRecord<>(
        Topics.REQUEST_TIMINGS_DLQ.name(), null, failedAt.toEpochMilli(), key, value, headers);
  }

  /** The text of a header, or null if the record has none by that name. */
  public static @Nullable String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
