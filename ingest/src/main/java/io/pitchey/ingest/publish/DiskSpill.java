package io.pitchey.ingest.publish;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, size-bounded disk buffer of records (the publisher stores one event's JSON per
 * record), replayed in the order it was written.
 *
 * <p><b>Layout.</b> A directory holding a {@code LOCK} file (one owner at a time, across
 * processes), segment files {@code <20-digit sequence>.spill} and {@code head.pos}. A segment
 * starts with the 8-byte magic {@code PTSPILL1}; each record is {@code int length} (big-endian),
 * {@code int} CRC32C of the payload, then the payload. {@code head.pos} ({@code "<segment>
 * <offset>"}, replaced atomically) says where the records not yet replayed start; segments wholly
 * before it are deleted, always after it is written. Segment ids are never reused (once the spill
 * is empty, {@code head.pos} names the next id), so a stale {@code head.pos} can make records be
 * replayed again but never makes newer segments look replayed.
 *
 * <p><b>Durability.</b> Every append is one {@code write} to the segment: a crash of the process
 * loses nothing appended. Segments are fsynced when rolled, on {@link #close()}, and otherwise at
 * most every {@code fsyncInterval} ({@link #maybeFsync()}): a crash of the machine can lose the
 * last interval's records. On {@link #open} every segment is scanned: a torn or corrupt record (bad
 * length or CRC, e.g. after a crash mid-write) and everything after it in that segment is truncated
 * away and logged, never replayed as garbage. If {@code head.pos} is lost, records are replayed
 * again (at least once).
 *
 * <p><b>Budget.</b> Appends that would take the segment files' total size over {@code budgetBytes}
 * are refused (the caller counts them as dropped). Space comes back when a fully replayed segment
 * is deleted.
 *
 * <p>A failed append leaves no torn record for this process: the segment is reopened, truncated
 * after its last intact record, by the next write. {@link #commit} ignores a range that does not
 * start at the replay position, so committing a range twice is harmless.
 *
 * <p>Methods are synchronized; the publisher uses it from its sender thread, and from the closing
 * thread (which, if the sender outlives the close timeout, only appends).
 */
final class DiskSpill implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(DiskSpill.class);

  static final byte[] MAGIC = "PTSPILL1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = MAGIC.length;
  static final int RECORD_OVERHEAD = 8;
  static final int MAX_RECORD_BYTES = 1 << 20;
  private static final int READ_WINDOW = 4 << 20;
  private static final String SUFFIX = ".spill";
  private static final String HEAD_FILE = "head.pos";

  private final Path directory;
  private final long budgetBytes;
  private final long segmentBytes;
  private final long fsyncIntervalNanos;
  private final LongSupplier nanoClock;
  private final FileChannel lockChannel;
  private final FileLock lock;

  /** Segment id → size in bytes, oldest first. */
  private final TreeMap<Long, Long> segments = new TreeMap<>();

  private @Nullable FileChannel writer;
  private long writerSegment = -1;
  private long headSegment = -1;
  private long headOffset = HEADER_BYTES;

  /** The id of the next new segment: ids are never reused, even once the spill is empty. */
  private long nextSegment = 1;

  private boolean unsynced;
  private long lastFsyncNanos;
  private boolean closed;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final long recovered;

  /** A record read back, with the position just after it. */
  record Entry(byte[] payload, long segment, long endOffset) {}

  private DiskSpill(
      Path directory,
      long budgetBytes,
      long segmentBytes,
      long fsyncIntervalNanos,
      LongSupplier nanoClock,
      FileChannel lockChannel,
      FileLock lock) {
    this.directory = directory;
    this.budgetBytes = budgetBytes;
    this.segmentBytes = segmentBytes;
    this.fsyncIntervalNanos = fsyncIntervalNanos;
    this.nanoClock = nanoClock;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.lastFsyncNanos = nanoClock.getAsLong();
    this.recovered = recover();
  }

  /**
   * Opens (creating it if needed) and recovers the buffer in {@code directory}.
   *
   * @throws IllegalStateException if another publisher holds the directory
   * @throws UncheckedIOException if the directory cannot be used
   */
  static DiskSpill open(
      Path directory,
      long budgetBytes,
      long segmentBytes,
      long fsyncIntervalNanos,
      LongSupplier nanoClock) {
    try {
      Files.createDirectories(directory);
      FileChannel lockChannel =
          FileChannel.open(
              directory.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            "spill directory " + directory + " is in use by another timing publisher");
      }
      return new DiskSpill(
          directory, budgetBytes, segmentBytes, fsyncIntervalNanos, nanoClock, lockChannel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open spill directory " + directory, e);
    }
  }

  /** Records found on disk at {@link #open}, waiting for replay. */
  long recovered() {
    return recovered;
  }

  /** Records waiting for replay now. Any thread. */
  long events() {
    return events.get();
  }

  /** Bytes the segment files occupy now. Any thread. */
  long bytes() {
    return bytes.get();
  }

  Path directory() {
    return directory;
  }

  /**
   * Appends payloads in order while the budget allows: returns how many were written (a prefix of
   * {@code payloads}); the caller drops the rest.
   */
  synchronized int append(List<byte[]> payloads) {
    if (closed || payloads.isEmpty()) {
      return 0;
    }
    int written = 0;
    int failures = 0;
    while (written < payloads.size()) {
      try {
        rollIfNeeded();
        if (writerSegment < 0
            && bytes.get() + HEADER_BYTES + RECORD_OVERHEAD + payloads.get(written).length
                > budgetBytes) {
          return written; // not even one more record with a new segment's header
        }
        FileChannel out = writerOrOpen();
        long segmentSize = segments.get(writerSegment);
        // this write: records that fit in the budget and (one at least) in the segment
        int count = 0;
        long size = 0;
        for (int i = written; i < payloads.size(); i++) {
          long recordBytes = (long) RECORD_OVERHEAD + payloads.get(i).length;
          if (payloads.get(i).length > MAX_RECORD_BYTES
              || bytes.get() + size + recordBytes > budgetBytes) {
            break;
          }
          if (count > 0 && segmentSize + size + recordBytes > segmentBytes) {
            break;
          }
          size += recordBytes;
          count++;
        }
        if (count == 0) {
          return written;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        CRC32C crc = new CRC32C();
        for (int i = written; i < written + count; i++) {
          byte[] payload = payloads.get(i);
          crc.reset();
          crc.update(payload);
          buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        }
        buffer.flip();
        try {
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        } catch (IOException e) {
          // the channel may be unusable (closed): drop it; the next append reopens the segment
          // at its last intact record, truncating what this write tore
          closeWriter();
          throw e;
        }
        segments.put(writerSegment, segmentSize + size);
        bytes.addAndGet(size);
        events.addAndGet(count);
        unsynced = true;
        written += count;
      } catch (IOException e) {
        log.error("cannot write to spill directory {}: {}", directory, e.toString());
        if (++failures > 1) {
          return written;
        }
        // once more, through a reopened segment
      }
    }
    return written;
  }

  /** Reads up to {@code max} records from the replay position on, in order, without consuming. */
  synchronized List<Entry> read(int max) {
    List<Entry> out = new ArrayList<>(Math.min(max, 4096));
    if (closed || events.get() == 0) {
      return out;
    }
    for (var segment : segments.tailMap(headSegment, true).entrySet()) {
      long id = segment.getKey();
      long size = segment.getValue();
      long position = id == headSegment ? headOffset : HEADER_BYTES;
      try (FileChannel in = FileChannel.open(segmentPath(id), StandardOpenOption.READ)) {
        while (position < size && out.size() < max) {
          ByteBuffer window =
              ByteBuffer.allocate((int) Math.min(READ_WINDOW, size - position)); // whole records
          readFully(in, window, position);
          window.flip();
          int before = out.size();
          while (window.remaining() >= RECORD_OVERHEAD && out.size() < max) {
            int length = window.getInt(window.position());
            if (length < 0 || length > MAX_RECORD_BYTES) {
              throw new IOException("corrupt record length " + length + " at " + position);
            }
            if (window.remaining() < RECORD_OVERHEAD + length) {
              break;
            }
            window.getInt();
            int crc = window.getInt();
            byte[] payload = new byte[length];
            window.get(payload);
            if (crc(payload) != crc) {
              throw new IOException("CRC mismatch at " + position);
            }
            position += RECORD_OVERHEAD + length;
            out.add(new Entry(payload, id, position));
          }
          if (out.size() == before) {
            throw new IOException("record at " + position + " runs past the end of " + id);
          }
        }
      } catch (IOException e) {
        // appended by this process: should not happen; stop here rather than replay garbage
        log.error("spill segment {} unreadable: {}", segmentPath(id), e.toString());
        return out;
      }
      if (out.size() >= max) {
        break;
      }
    }
    return out;
  }

  /**
   * Consumes {@code first} to {@code last} (entries from one {@link #read}), which are {@code
   * count} records: records the new position, then deletes segments wholly replayed. Ignored
   * (logged) if {@code first} is not the record at the replay position, e.g. a range committed
   * already.
   */
  synchronized void commit(Entry first, Entry last, int count) {
    if (closed || count == 0) {
      return;
    }
    if (!startsAtHead(first)) {
      // already committed (or not read from the head): committing again would skip records
      log.warn(
          "ignoring a commit of {} spill records not at the replay position {} {}",
          count,
          headSegment,
          headOffset);
      return;
    }
    events.addAndGet(-count);
    headSegment = last.segment();
    headOffset = last.endOffset();
    if (events.get() <= 0) {
      events.set(0);
      // all replayed: start afresh, in a new segment (ids are not reused). The position is
      // recorded before any segment is deleted.
      closeWriter();
      writerSegment = -1;
      headSegment = -1;
      headOffset = HEADER_BYTES;
      writeHead(nextSegment, HEADER_BYTES);
      for (Long id : List.copyOf(segments.keySet())) {
        deleteSegment(id);
      }
      return;
    }
    Long next = segments.higherKey(headSegment);
    if (next != null
        && headSegment != writerSegment
        && headOffset >= segments.getOrDefault(headSegment, 0L)) {
      headSegment = next;
      headOffset = HEADER_BYTES;
    }
    // the position first, then delete what lies wholly before it
    writeHead(headSegment, headOffset);
    for (Long id : List.copyOf(segments.headMap(headSegment, false).keySet())) {
      deleteSegment(id);
    }
  }

  /** Whether {@code first} is the record at the replay position. */
  private boolean startsAtHead(Entry first) {
    if (headSegment < 0) {
      return false;
    }
    long start = first.endOffset() - RECORD_OVERHEAD - first.payload().length;
    if (first.segment() == headSegment) {
      return start == headOffset;
    }
    // the head may sit at the end of its segment, the next record at the start of a later one
    if (start != HEADER_BYTES || first.segment() < headSegment) {
      return false;
    }
    if (headOffset < segments.getOrDefault(headSegment, 0L)) {
      return false;
    }
    for (var segment : segments.subMap(headSegment, false, first.segment(), false).entrySet()) {
      if (segment.getValue() > HEADER_BYTES) {
        return false;
      }
    }
    return true;
  }

  /** Fsyncs the open segment if it has unsynced appends and the interval has passed. */
  synchronized void maybeFsync() {
    if (unsynced && nanoClock.getAsLong() - lastFsyncNanos >= fsyncIntervalNanos) {
      fsync();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    fsync();
    closeWriter();
    closed = true;
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("cannot release spill lock in {}: {}", directory, e.toString());
    }
  }

  private void fsync() {
    if (writer != null && unsynced) {
      try {
        writer.force(false);
      } catch (IOException e) {
        log.warn("fsync of spill segment failed: {}", e.toString());
      }
    }
    unsynced = false;
    lastFsyncNanos = nanoClock.getAsLong();
  }

  private void rollIfNeeded() {
    if (writerSegment >= 0 && segments.get(writerSegment) + RECORD_OVERHEAD + 1 > segmentBytes) {
      fsync();
      closeWriter();
      writerSegment = -1;
    }
  }

  private FileChannel writerOrOpen() throws IOException {
    if (writer != null) {
      return writer;
    }
    if (writerSegment >= 0) {
      // the last recovered segment, or one whose write failed: append behind its intact records,
      // truncating anything a failed write left after them
      long size = segments.get(writerSegment);
      FileChannel reopened = FileChannel.open(segmentPath(writerSegment), StandardOpenOption.WRITE);
      try {
        reopened.truncate(size);
        reopened.position(size);
      } catch (IOException e) {
        reopened.close();
        throw e;
      }
      writer = reopened;
      return reopened;
    }
    long id = Math.max(nextSegment, segments.isEmpty() ? 1 : segments.lastKey() + 1);
    nextSegment = id + 1; // never reused, even if creating it fails
    FileChannel created =
        FileChannel.open(segmentPath(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.wrap(MAGIC);
      while (header.hasRemaining()) {
        created.write(header);
      }
    } catch (IOException e) {
      created.close();
      deleteQuietly(segmentPath(id));
      throw e;
    }
    writer = created;
    writerSegment = id;
    segments.put(id, (long) HEADER_BYTES);
    bytes.addAndGet(HEADER_BYTES);
    if (headSegment < 0) {
      headSegment = id;
      headOffset = HEADER_BYTES;
    }
    return created;
  }

  private void closeWriter() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        log.warn("cannot close spill segment: {}", e.toString());
      }
      writer = null;
    }
  }

  private void deleteSegment(long id) {
    if (id == writerSegment) {
      closeWriter();
      writerSegment = -1;
    }
    Long size = segments.remove(id);
    if (size != null) {
      bytes.addAndGet(-size);
    }
    deleteQuietly(segmentPath(id));
  }

  private void writeHead(long segment, long offset) {
    Path tmp = directory.resolve(HEAD_FILE + ".tmp");
    try {
      Files.writeString(tmp, segment + " " + offset + "\n");
      try {
        Files.move(
            tmp,
            directory.resolve(HEAD_FILE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, directory.resolve(HEAD_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // not fatal: the records would be replayed again after a restart
      log.warn("cannot record spill replay position: {}", e.toString());
    }
  }

  /** Scans the directory: returns the number of records waiting for replay. */
  private long recover() {
    List<Long> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX))
          .forEach(
              n -> {
                try {
                  ids.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                  log.warn("ignoring unexpected file {} in {}", n, directory);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list spill directory " + directory, e);
    }
    ids.sort(null);
    long[] head = readHead();
    // ids are never reused: a stale head.pos can never make new segments look replayed
    // (a head.pos naming a segment that does not exist must not apply to a new one either)
    nextSegment = Math.max(head != null ? head[0] + 1 : 1, ids.isEmpty() ? 1 : ids.getLast() + 1);
    long count = 0;
    for (long id : ids) {
      if (head != null && id < head[0]) {
        deleteQuietly(segmentPath(id)); // replayed before the last stop
        continue;
      }
      long start = head != null && id == head[0] ? head[1] : HEADER_BYTES;
      long[] scanned = scan(id, start);
      if (scanned == null) {
        continue;
      }
      long size = scanned[0];
      if (start > size) {
        start = HEADER_BYTES; // the position is beyond what survived: replay the segment
        scanned = scan(id, start);
        if (scanned == null) {
          continue;
        }
      }
      segments.put(id, size);
      bytes.addAndGet(size);
      count += scanned[1];
      if (headSegment < 0) {
        headSegment = id;
        headOffset = start;
      }
    }
    events.set(count);
    if (!segments.isEmpty()) {
      long last = segments.lastKey();
      writerSegment = segments.get(last) < segmentBytes ? last : -1;
    }
    if (count == 0) {
      headSegment = -1;
      headOffset = HEADER_BYTES;
      writerSegment = -1;
      if (!segments.isEmpty()) {
        writeHead(nextSegment, HEADER_BYTES); // before deleting: see commit
      }
      for (Long id : List.copyOf(segments.keySet())) {
        deleteSegment(id);
      }
    } else {
      log.info(
          "spill directory {} holds {} events ({} bytes) from an earlier run: they will be"
              + " replayed",
          directory,
          count,
          bytes.get());
    }
    return count;
  }

  /**
   * Validates a segment and truncates it after its last intact record; returns {size, records from
   * start on}, or null if the segment was unusable and deleted.
   */
  private long @Nullable [] scan(long id, long start) {
    Path path = segmentPath(id);
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      if (size < HEADER_BYTES
          || readFully(channel, header, 0) < HEADER_BYTES
          || !Arrays.equals(header.array(), MAGIC)) {
        log.warn("spill segment {} has no valid header: deleted", path);
        channel.close();
        deleteQuietly(path);
        return null;
      }
      long position = HEADER_BYTES;
      long records = 0;
      ByteBuffer prefix = ByteBuffer.allocate(RECORD_OVERHEAD);
      String problem = null;
      while (position < size) {
        prefix.clear();
        if (size - position < RECORD_OVERHEAD) {
          problem = "a torn record header";
          break;
        }
        readFully(channel, prefix, position);
        prefix.flip();
        int length = prefix.getInt();
        int crc = prefix.getInt();
        if (length < 0 || length > MAX_RECORD_BYTES) {
          problem = "an impossible record length " + length;
          break;
        }
        if (size - position - RECORD_OVERHEAD < length) {
          problem = "a torn record";
          break;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, position + RECORD_OVERHEAD);
        if (crc(payload.array()) != crc) {
          problem = "a CRC mismatch";
          break;
        }
        if (position >= start) {
          records++;
        }
        position += RECORD_OVERHEAD + length;
      }
      if (problem != null) {
        log.warn(
            "spill segment {} has {} at byte {}: truncated {} bytes (a crash mid-write); the"
                + " records before it are kept",
            path,
            problem,
            position,
            size - position);
        channel.truncate(position);
        channel.force(true);
      }
      return new long[] {position, records};
    } catch (IOException e) {
      log.error("cannot read spill segment {}: {}; skipped", path, e.toString());
      return null;
    }
  }

  private long @Nullable [] readHead() {
    Path path = directory.resolve(HEAD_FILE);
    if (!Files.exists(path)) {
      return null;
    }
    try {
      String[] parts = Files.readString(path).strip().split(" ");
      long[] head = {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
      return head[1] >= HEADER_BYTES ? head : null;
    } catch (IOException | RuntimeException e) {
      log.warn("spill replay position {} unreadable ({}): replaying from the start", path, e);
      return null;
    }
  }

  private Path segmentPath(long id) {
    return directory.resolve(String.format("%020d%s", id, SUFFIX));
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  static int crc(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", path, e.toString());
    }
  }
}
