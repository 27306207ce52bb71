package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes one file's events in batch records and checkpoints its progress.
 *
 * <p>The file is read in chunks of lines; each chunk's events are grouped per key into batch
 * records, sent, and confirmed by the broker ({@link BatchSink#flush}) before the checkpoint moves
 * past the chunk. A run that dies resumes at the last checkpoint: at most the one chunk that was in
 * flight is published twice (its events keep their ids, so a reader can tell). A file whose
 * checkpoint says {@code done} is skipped unless the run restarts.
 */
public final class BackfillJob {
  /** Told about progress, for a progress bar. Called on the job's thread. */
  public interface Progress {
    void advanced(long bytes, long events);
  }

  /**
   * @param chunkLines lines per confirmed chunk (and checkpoint)
   * @param maxBatch events per batch record at most
   * @param eventsPerSecond rate limit; 0 = as fast as the broker takes them
   * @param checkpointDir where checkpoints live
   * @param restart ignore (and overwrite) existing checkpoints
   * @param firstRejected how many rejected lines to list in the summary
   */
  public record Options(
      int chunkLines,
      int maxBatch,
      double eventsPerSecond,
      Path checkpointDir,
      boolean restart,
      int firstRejected) {
    public Options {
      if (chunkLines < 1 || maxBatch < 1 || eventsPerSecond < 0 || firstRejected < 0) {
        throw new IllegalArgumentException("invalid backfill options");
      }
    }

    public static Options defaults(Path checkpointDir) {
      return new Options(20_000, 500, 0, checkpointDir, false, 5);
    }
  }

  /** What happened to one file over all runs (counts are cumulative across resumes). */
  public record FileResult(
      Path file,
      InputFormat format,
      long lines,
      long published,
      Map<Rejection.Category, Long> rejected,
      List<String> firstRejected,
      long resumedAtLine,
      boolean skipped) {
    public long rejectedLines() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final BatchSink sink;
  private final Options options;
  private final RateLimiter limiter;

  public BackfillJob(BatchSink sink, Options options) {
    this.sink = sink;
    this.options = options;
    this.limiter = new RateLimiter(options.eventsPerSecond(), System::nanoTime);
  }

  /**
   * Backfills one file from its checkpoint.
   *
   * @throws BackfillException if the file shrank below its checkpoint or the broker refused records
   *     (the checkpoint then holds the last confirmed chunk)
   */
  public FileResult run(Path file, InputFormat format, LineParser parser, Progress progress)
      throws IOException, InterruptedException {
    Path checkpointFile = Checkpoint.fileFor(options.checkpointDir(), file);
    Checkpoint start = options.restart() ? Checkpoint.START : Checkpoint.read(checkpointFile);
    long size = Files.size(file);
    if (start.done()) {
      progress.advanced(size, 0);
      return result(file, format, start, start.line(), true);
    }
    if (start.offset() > size) {
      throw new BackfillException(
          file
              + " is shorter ("
              + size
              + " bytes) than its checkpoint ("
              + start.offset()
              + " bytes): it was replaced or truncated; run again with --restart");
    }
    progress.advanced(start.offset(), 0);
    String source = file.toAbsolutePath().normalize().toString();
    int chunkLines =
        options.eventsPerSecond() > 0
            ? (int) Math.max(1, Math.min(options.chunkLines(), options.eventsPerSecond() / 4))
            : options.chunkLines();

    long offset = start.offset();
    long line = start.line();
    long published = start.published();
    Map<Rejection.Category, Long> rejected = new EnumMap<>(Rejection.Category.class);
    rejected.putAll(start.rejected());
    List<String> firstRejected = new ArrayList<>(start.firstRejected());
    KeyBatcher batcher = new KeyBatcher(sink, options.maxBatch());

    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(offset);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
      ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
      boolean eof = false;
      while (!eof) {
        long chunkEvents = 0;
        long chunkStartOffset = offset;
        for (int n = 0; n < chunkLines; n++) {
          long lineBytes = readLine(in, buf);
          if (lineBytes < 0) {
            eof = true;
            break;
          }
          offset += lineBytes;
          line++;
          String text = decode(buf);
          ParsedLine parsed = parser.parse(text, source + ":" + (offset - lineBytes));
          switch (parsed) {
            case ParsedLine.Events ev -> {
              for (TimingEvent e : ev.events()) {
                batcher.add(e);
              }
              chunkEvents += ev.events().size();
            }
            case ParsedLine.Rejected r -> {
              rejected.merge(r.rejection().category(), 1L, Long::sum);
              if (firstRejected.size() < options.firstRejected()) {
                firstRejected.add(
                    "line "
                        + line
                        + ": "
                        + r.rejection().category().label()
                        + ": "
                        + r.rejection().detail());
              }
            }
            case ParsedLine.Blank b -> {}
          }
        }
        limiter.acquire(chunkEvents);
        batcher.sendPending();
        sink.flush();
        published += chunkEvents;
        Checkpoint reached = new Checkpoint(offset, line, published, rejected, firstRejected, eof);
        reached.write(checkpointFile, file);
        progress.advanced(offset - chunkStartOffset, chunkEvents);
      }
    }
    Checkpoint end = Checkpoint.read(checkpointFile);
    return result(file, format, end, start.line(), false);
  }

  private static FileResult result(
      Path file, InputFormat format, Checkpoint c, long resumedAt, boolean skipped) {
    return new FileResult(
        file, format, c.line(), c.published(), c.rejected(), c.firstRejected(), resumedAt, skipped);
  }

  /** Reads one line into {@code buf} (without its terminator); returns its bytes, or -1 at EOF. */
  private static long readLine(InputStream in, ByteArrayOutputStream buf) throws IOException {
    buf.reset();
    long consumed = 0;
    int b;
    while ((b = in.read()) >= 0) {
      consumed++;
      if (b == '\n') {
        return consumed;
      }
      buf.write(b);
    }
    return consumed == 0 ? -1 : consumed;
  }

  private static String decode(ByteArrayOutputStream buf) {
    String s = buf.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
