package io.pitchey.devstack;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directories this JVM is using right now (scratch directories, PostgreSQL data directories).
 *
 * <p>Why: ownership between JVMs is shown by OS file locks, which are per process, and closing
 * <em>any</em> channel on a locked file releases the process's lock on it. So this JVM must never
 * open the lock file of a directory it owns just to test it; this registry is checked first
 * instead.
 */
final class OwnedPaths {

  private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

  private OwnedPaths() {}

  /** Returns false if this JVM already owns {@code path}. */
  static boolean claim(Path path) {
    return OWNED.add(normalize(path));
  }

  static void release(Path path) {
    OWNED.remove(normalize(path));
  }

  static boolean isOwned(Path path) {
    return OWNED.contains(normalize(path));
  }

  private static Path normalize(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
