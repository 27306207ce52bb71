package io.pitchey.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill segment format, its recovery after a crash, its budget and its replay position. */
class DiskSpillTest {
  private static final long BUDGET = 1 << 20;
  private static final long SEGMENT = 4096;

  @TempDir Path dir;

  @Test
  void records_come_back_in_order_across_segments_and_replayed_segments_are_deleted() {
    try (DiskSpill spill = open()) {
      assertThat(spill.append(payloads(0, 100))).isEqualTo(100);
      assertThat(spill.append(payloads(100, 300))).isEqualTo(200);
      assertThat(segmentFiles()).hasSize(2); // 20 bytes a record, 4 KiB segments
      assertThat(spill.events()).isEqualTo(300);

      List<DiskSpill.Entry> first = spill.read(60);
      assertThat(texts(first)).containsExactlyElementsOf(texts(0, 60));
      spill.commit(first.get(0), first.get(59), 60);
      assertThat(spill.events()).isEqualTo(240);
      assertThat(spill.append(payloads(300, 310))).isEqualTo(10);

      List<DiskSpill.Entry> middle = spill.read(200);
      assertThat(texts(middle)).containsExactlyElementsOf(texts(60, 260));
      spill.commit(middle.get(0), middle.get(199), 200);
      assertThat(segmentFiles()).hasSize(1); // the first was wholly replayed

      List<DiskSpill.Entry> rest = spill.read(1000);
      assertThat(texts(rest)).containsExactlyElementsOf(texts(260, 310));
      spill.commit(rest.get(0), rest.get(rest.size() - 1), rest.size());
      assertThat(spill.events()).isZero();
      assertThat(spill.bytes()).isZero();
      assertThat(segmentFiles()).isEmpty();
      // and it starts afresh
      assertThat(spill.append(payloads(200, 201))).isEqualTo(1);
      assertThat(texts(spill.read(10))).containsExactly("event-000200");
    }
  }

  @Test
  void the_budget_refuses_what_does_not_fit_and_counts_bytes_exactly() {
    // header 8 + records of 8 + 12 bytes: 4096 bytes hold (4096 - 8) / 20 = 204 records
    try (DiskSpill spill = DiskSpill.open(dir, 4096, 4096, 0, System::nanoTime)) {
      assertThat(spill.append(payloads(0, 300))).isEqualTo(204);
      assertThat(spill.bytes()).isEqualTo(8 + 204 * 20);
      assertThat(spill.append(payloads(300, 301))).isZero();
      assertThat(spill.events()).isEqualTo(204);
    }
  }

  @Test
  void a_restart_resumes_after_the_replayed_records() {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 10));
      List<DiskSpill.Entry> four = spill.read(4);
      spill.commit(four.get(0), four.get(3), 4);
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(6);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(4, 10));
      // appends go behind the recovered records
      spill.append(payloads(10, 12));
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(4, 12));
    }
  }

  @Test
  void a_commit_not_at_the_replay_position_is_ignored() {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 10));
      List<DiskSpill.Entry> four = spill.read(4);
      spill.commit(four.get(0), four.get(3), 4);
      spill.commit(four.get(0), four.get(3), 4); // twice: a no-op
      assertThat(spill.events()).isEqualTo(6);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(4, 10));
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(6);
    }
  }

  @Test
  void the_whole_spill_committed_across_segments_at_once_is_not_a_double_commit() {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 300)); // two segments
      List<DiskSpill.Entry> firstSegment = spill.read(204);
      spill.commit(firstSegment.get(0), firstSegment.get(203), 204); // head at its very end
      List<DiskSpill.Entry> rest = spill.read(1000);
      assertThat(texts(rest)).containsExactlyElementsOf(texts(204, 300));
      spill.commit(rest.get(0), rest.get(rest.size() - 1), rest.size());
      assertThat(spill.events()).isZero();
      assertThat(segmentFiles()).isEmpty();
    }
  }

  @Test
  void segment_ids_are_not_reused_so_a_stale_head_never_deletes_new_records() throws IOException {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 300)); // segments 1 and 2
      List<DiskSpill.Entry> all = spill.read(1000);
      spill.commit(all.get(0), all.get(299), 300);
      assertThat(segmentFiles()).isEmpty();
      // a head.pos from before, as if its update had failed
      Files.writeString(dir.resolve("head.pos"), "2 100\n");
      spill.append(payloads(300, 305));
      assertThat(segmentFiles())
          .singleElement()
          .satisfies(
              p -> assertThat(p.getFileName().toString()).startsWith("00000000000000000003"));
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(5);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(300, 305));
    }
  }

  @Test
  void a_failed_append_reopens_the_segment_behind_its_last_intact_record() {
    try (DiskSpill spill = open()) {
      assertThat(spill.append(payloads(0, 3))).isEqualTo(3);
      Thread.currentThread().interrupt(); // closes the channel mid-write
      try {
        assertThat(spill.append(payloads(3, 5))).isZero();
      } finally {
        Thread.interrupted();
      }
      assertThat(spill.append(payloads(5, 8))).isEqualTo(3);
      assertThat(spill.events()).isEqualTo(6);
      List<String> expected = new ArrayList<>(texts(0, 3));
      expected.addAll(texts(5, 8));
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(expected);
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(6);
    }
  }

  @Test
  void a_torn_tail_after_a_crash_is_truncated_not_replayed() throws IOException {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 10));
    }
    Path segment = segmentFiles().get(0);
    long intact = Files.size(segment);
    // a crash mid-write: a record header promising 300 bytes, and only 10 of them
    ByteBuffer torn = ByteBuffer.allocate(18).putInt(300).putInt(12345).put(new byte[10]).flip();
    try (FileChannel out = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      out.write(torn);
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(10);
      assertThat(Files.size(segment)).isEqualTo(intact);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(0, 10));
    }
  }

  @Test
  void a_corrupt_record_and_what_follows_it_in_its_segment_are_dropped() throws IOException {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 10));
    }
    Path segment = segmentFiles().get(0);
    // flip one byte of the 7th record's payload (records are 8 + 12 bytes after an 8-byte header)
    long offset = 8 + 6 * 20 + 8 + 3;
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {'X'}), offset);
    }
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(6);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(0, 6));
      assertThat(Files.size(segment)).isEqualTo(8 + 6 * 20);
    }
  }

  @Test
  void an_impossible_length_and_a_bad_header_are_detected() throws IOException {
    try (DiskSpill spill = open()) {
      spill.append(payloads(0, 3));
    }
    Path segment = segmentFiles().get(0);
    try (FileChannel out = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      out.write(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).flip());
    }
    Files.write(dir.resolve("00000000000000000099.spill"), "garbage!!".getBytes());
    try (DiskSpill spill = open()) {
      assertThat(spill.recovered()).isEqualTo(3);
      assertThat(texts(spill.read(100))).containsExactlyElementsOf(texts(0, 3));
    }
    assertThat(dir.resolve("00000000000000000099.spill")).doesNotExist();
  }

  @Test
  void one_owner_at_a_time() {
    try (DiskSpill spill = open()) {
      assertThat(spill.events()).isZero();
      assertThatThrownBy(this::open)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
  }

  private DiskSpill open() {
    return DiskSpill.open(dir, BUDGET, SEGMENT, 0, System::nanoTime);
  }

  private List<Path> segmentFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".spill")).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** 12-byte payloads "event-000123". */
  private static List<byte[]> payloads(int from, int to) {
    List<byte[]> out = new ArrayList<>();
    for (String text : texts(from, to)) {
      out.add(text.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> texts(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(String.format("event-%06d", i));
    }
    return out;
  }

  private static List<String> texts(List<DiskSpill.Entry> entries) {
    return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
  }
}
