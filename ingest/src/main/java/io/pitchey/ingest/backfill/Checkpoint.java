package io.pitchey.ingest.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a file's backfill stands: the byte offset and line number up to which every line was read
 * and every event from it confirmed by the broker, plus the running counts for the summary. Kept as
 * a small properties file per input file in the checkpoint directory, replaced atomically.
 *
 * @param offset bytes of the file fully processed (a line boundary)
 * @param line lines fully processed
 * @param published events confirmed by the broker
 * @param rejected rejected lines per category
 * @param firstRejected the first few rejected lines, as {@code line: reason}
 * @param done the whole file was processed
 */
public record Checkpoint(
    long offset,
    long line,
    long published,
    Map<Rejection.Category, Long> rejected,
    List<String> firstRejected,
    boolean done) {

  public static final Checkpoint START = new Checkpoint(0, 0, 0, Map.of(), List.of(), false);

  public Checkpoint {
    rejected = Map.copyOf(rejected);
    firstRejected = List.copyOf(firstRejected);
  }

  public long rejectedLines() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The checkpoint file of {@code input}: its name plus a hash of its absolute path. */
  public static Path fileFor(Path checkpointDir, Path input) {
    String abs = input.toAbsolutePath().normalize().toString();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(abs.getBytes(StandardCharsets.UTF_8));
      String name = input.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      return checkpointDir.resolve(
          name + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".checkpoint");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  public static Checkpoint read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return START;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<Rejection.Category, Long> rejected = new EnumMap<>(Rejection.Category.class);
    for (Rejection.Category c : Rejection.Category.values()) {
      String v = p.getProperty("rejected." + c.name().toLowerCase(Locale.ROOT));
      if (v != null) {
        rejected.put(c, Long.parseLong(v));
      }
    }
    List<String> first = new ArrayList<>();
    for (int i = 0; p.getProperty("first-rejected." + i) != null; i++) {
      first.add(p.getProperty("first-rejected." + i));
    }
    try {
      return new Checkpoint(
          Long.parseLong(p.getProperty("offset", "0")),
          Long.parseLong(p.getProperty("line", "0")),
          Long.parseLong(p.getProperty("published", "0")),
          rejected,
          first,
          Boolean.parseBoolean(p.getProperty("done", "false")));
    } catch (NumberFormatException e) {
      throw new IOException("unreadable checkpoint " + file + " (delete it or use --restart)", e);
    }
  }

  /** Writes the checkpoint for {@code input} atomically (temporary file, then rename). */
  public void write(Path file, Path input) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Properties p = new Properties();
    p.setProperty("file", input.toAbsolutePath().normalize().toString());
    p.setProperty("offset", Long.toString(offset));
    p.setProperty("line", Long.toString(line));
    p.setProperty("published", Long.toString(published));
    p.setProperty("done", Boolean.toString(done));
    rejected.forEach(
        (c, n) -> p.setProperty("rejected." + c.name().toLowerCase(Locale.ROOT), n.toString()));
    for (int i = 0; i < firstRejected.size(); i++) {
      p.setProperty("first-rejected." + i, firstRejected.get(i));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "pitchey backfill checkpoint: lines before 'offset' are published");
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public String toString() {
    return "Checkpoint[offset="
        + offset
        + ", line="
        + line
        + ", published="
        + published
        + ", rejected="
        + rejected
        + ", done="
        + done
        + "]";
  }
}
