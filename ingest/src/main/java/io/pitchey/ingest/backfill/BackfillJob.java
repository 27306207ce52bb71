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
 * past the chunk. A run that dies resumes at the last checkpoint: the one chunk that was in flight
 * is published again. Its events keep their ids, but the aggregator counts per event, so that chunk
 * is counted twice. A file whose checkpoint says {@code done} is skipped unless the run restarts.
 *
 * <p>Only newline-terminated lines are read: a last line without its newline (a log still being
 * written) is neither consumed nor checkpointed, and the file is not marked done; the next run
 * reads it once it is complete ({@link FileResult#incompleteLastLine}). A line longer than {@link
 * #MAX_LINE_BYTES} is skipped up to its newline and rejected ({@link
 * Rejection.Category#LINE_TOO_LONG}) instead of being read into memory.
 */
public final class BackfillJob {
  /** Longest line read, in bytes without its terminator; longer ones are rejected. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /** How {@link FileResult#note()} reports an unterminated last line. */
  public static final String INCOMPLETE_LAST_LINE = "incomplete last line, left for the next run";

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

  /**
   * What happened to one file over all runs (counts are cumulative across resumes).
   *
   * @param incompleteLastLine the file ended in a line without its newline, which was left unread
   *     for the next run (the file is not done)
   */
  public record FileResult(
      Path file,
      InputFormat format,
      long lines,
      long published,
      Map<Rejection.Category, Long> rejected,
      List<String> firstRejected,
      long resumedAtLine,
      boolean skipped,
      boolean incompleteLastLine) {
    /** Without an incomplete last line. */
    public FileResult(
        Path file,
        InputFormat format,
        long lines,
        long published,
        Map<Rejection.Category, Long> rejected,
        List<String> firstRejected,
        long resumedAtLine,
        boolean skipped) {
      this(file, format, lines, published, rejected, firstRejected, resumedAtLine, skipped, false);
    }

    public long rejectedLines() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@value #INCOMPLETE_LAST_LINE} when so, else empty: for the summary. */
    public String note() {
      return incompleteLastLine ? INCOMPLETE_LAST_LINE : "";
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
      return result(file, format, start, start.line(), true, false);
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
    boolean incompleteLastLine;

    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(offset);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
      LineReader reader = new LineReader(in);
      boolean eof = false;
      while (!eof) {
        long chunkEvents = 0;
        long chunkStartOffset = offset;
        for (int n = 0; n < chunkLines; n++) {
          long lineBytes = reader.next();
          if (lineBytes < 0) {
            eof = true;
            break;
          }
          offset += lineBytes;
          line++;
          ParsedLine parsed =
              reader.tooLong()
                  ? ParsedLine.rejected(
                      Rejection.Category.LINE_TOO_LONG,
                      (lineBytes - 1) + " bytes, more than " + MAX_LINE_BYTES + "; skipped unread")
                  : parser.parse(reader.text(), source + ":" + (offset - lineBytes));
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
        Checkpoint reached =
            new Checkpoint(
                offset, line, published, rejected, firstRejected, eof && !reader.incomplete());
        reached.write(checkpointFile, file);
        progress.advanced(offset - chunkStartOffset, chunkEvents);
      }
      incompleteLastLine = reader.incomplete();
    }
    Checkpoint end = Checkpoint.read(checkpointFile);
    return result(file, format, end, start.line(), false, incompleteLastLine);
  }

  private static FileResult result(
      Path file,
      InputFormat format,
      Checkpoint c,
      long resumedAt,
      boolean skipped,
      boolean incompleteLastLine) {
    return new FileResult(
        file,
        format,
        c.line(),
        c.published(),
        c.rejected(),
        c.firstRejected(),
        resumedAt,
        skipped,
        incompleteLastLine);
  }

  /**
   * Newline-terminated lines of a stream, each held to at most {@link #MAX_LINE_BYTES} bytes; the
   * rest of a longer line is skipped.
   */
  private static final class LineReader {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    private boolean tooLong;
    private boolean incomplete;

    LineReader(InputStream in) {
      this.in = in;
    }

    /**
     * Reads the next line; returns its bytes including the newline, or -1 at the end of the file.
     * Bytes after the last newline are not a line: they leave {@link #incomplete()} set.
     */
    long next() throws IOException {
      buf.reset();
      tooLong = false;
      long consumed = 0;
      int b;
      while ((b = in.read()) >= 0) {
        consumed++;
        if (b == '\n') {
          return consumed;
        }
        if (buf.size() < MAX_LINE_BYTES) {
          buf.write(b);
        } else {
          tooLong = true;
        }
      }
      incomplete = consumed > 0;
      return -1;
    }

    /** The last line exceeded {@link #MAX_LINE_BYTES}; its text is not available. */
    boolean tooLong() {
      return tooLong;
    }

    /** The file ended in bytes without a newline, left unread. */
    boolean incomplete() {
      return incomplete;
    }

    String text() {
      String s = buf.toString(StandardCharsets.UTF_8);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
