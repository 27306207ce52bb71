package io.pitchey.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory owned by this JVM, under {@code
 * ${java.io.tmpdir}/pitchey-devstack-${user.name}/}.
 *
 * <p>Guarantees: the directory is deleted by {@link #close()}. Ownership is an OS file lock on
 * {@value #OWNER_LOCK} inside it, held for the directory's life; the OS drops the lock when the JVM
 * dies, even by SIGKILL. {@link #reapOrphans} uses that to find and delete directories left behind
 * by dead JVMs (after letting the caller stop whatever still runs on them, e.g. an orphaned
 * postmaster).
 */
final class ScratchDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);
  static final String OWNER_LOCK = ".owner.lock";
  private static final String CREATING_PREFIX = ".creating-";

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean closed;

  private ScratchDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Per user: directories of other users could be neither locked nor deleted. */
  static Path root() {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "pitchey-devstack-" + System.getProperty("user.name"));
  }

  /**
   * Creates {@code <root>/<kind>-<random>}. It is built under a dot-name, locked, and only then
   * renamed into place, so {@link #reapOrphans} never sees an unlocked directory that is still
   * being set up.
   */
  static ScratchDirectory create(String kind) {
    try {
      Path root = Files.createDirectories(root());
      String id = UUID.randomUUID().toString().substring(0, 8);
      Path creating = Files.createDirectory(root.resolve(CREATING_PREFIX + kind + "-" + id));
      FileChannel channel =
          FileChannel.open(
              creating.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new DevStackException("could not lock fresh scratch directory " + creating);
      }
      // the lock belongs to the open file, not to the name, so it survives the rename
      Path finalPath = root.resolve(kind + "-" + id);
      OwnedPaths.claim(finalPath);
      try {
        Files.move(creating, finalPath);
      } catch (IOException e) {
        OwnedPaths.release(finalPath);
        channel.close();
        throw e;
      }
      return new ScratchDirectory(finalPath, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a scratch directory under " + root(), e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("releasing {} failed", path, e);
    }
    deleteRecursively(path);
    OwnedPaths.release(path);
  }

  /**
   * Deletes every {@code <kind>-*} directory whose owner JVM is gone. {@code beforeDelete} is
   * called first with each orphan's path, while this JVM holds its lock, so two JVMs never reap the
   * same one.
   */
  static void reapOrphans(String kind, Consumer<Path> beforeDelete) {
    Path root = root();
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root, kind + "-*")) {
      for (Path child : children) {
        reapIfOrphaned(child, beforeDelete);
      }
    } catch (IOException e) {
      LOG.warn("could not scan {} for orphaned scratch directories: {}", root, e.toString());
    }
  }

  private static void reapIfOrphaned(Path dir, Consumer<Path> beforeDelete) {
    if (OwnedPaths.isOwned(dir)) {
      return; // ours: opening (and closing) its lock file would release our own lock
    }
    Path lockFile = dir.resolve(OWNER_LOCK);
    if (!Files.isRegularFile(lockFile)) {
      // directories appear here only after locking (see create), so without a lock file this is
      // the remains of an interrupted delete: finish it
      deleteRecursively(dir);
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return; // a live JVM owns it
      }
      try {
        LOG.info("reaping scratch directory {} left behind by a dead JVM", dir);
        beforeDelete.accept(dir);
        deleteRecursively(dir);
      } finally {
        if (lock.isValid()) {
          lock.release();
        }
      }
    } catch (OverlappingFileLockException e) {
      // this very JVM owns it
    } catch (NoSuchFileException e) {
      // its owner deleted it meanwhile
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not reap {}: {}", dir, e.toString());
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE; // vanished meanwhile (e.g. a server's temp file)
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
