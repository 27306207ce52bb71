package io.pitchey.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process serving one data directory, found through {@code postmaster.pid}.
 *
 * <p>Why this exists: {@code pg_ctl start} daemonises the postmaster, so it is not a child of this
 * JVM and does not die with it. This class finds it by pid to make sure a stop really stopped it,
 * and to terminate servers orphaned by a JVM that was killed (whose data-directory lock, held by
 * zonky's {@code EmbeddedPostgres} as {@value #OWNER_LOCK}, the OS has therefore released).
 */
final class Postmaster {

  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
  static final String OWNER_LOCK = "epg-lock";

  private Postmaster() {}

  /**
   * The live postmaster serving {@code dataDirectory}, if any. Checks the command to survive pid
   * reuse.
   */
  static Optional<ProcessHandle> find(Path dataDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("cannot read postmaster.pid in {}", dataDirectory, e);
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(p -> !isGone(p))
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }

  /** Waits for the process to exit; if it does not within {@code grace}, kills it (SIGKILL). */
  static void awaitExitOrKill(ProcessHandle process, Duration grace) {
    if (waitForExit(process, grace)) {
      return;
    }
    LOG.warn("postmaster {} did not stop within {}; killing it", process.pid(), grace);
    process.destroyForcibly();
    // backends notice their postmaster's death and exit on their own
    if (!waitForExit(process, Duration.ofSeconds(10))) {
      throw new DevStackException("postmaster " + process.pid() + " survived SIGKILL for 10 s");
    }
  }

  /**
   * If a postmaster runs on {@code dataDirectory} but no live JVM holds its lock, stops it: SIGTERM
   * (smart shutdown; its clients died with their JVM), then SIGKILL after {@code grace}.
   *
   * @throws DevStackException if a live process (another JVM) still owns the data directory
   */
  static void terminateOrphan(Path dataDirectory, Duration grace) {
    if (OwnedPaths.isOwned(dataDirectory)) {
      // never open the lock file of a directory in use here: closing it would drop zonky's lock
      throw new DevStackException(
          "PostgreSQL data directory " + dataDirectory + " is in use in this JVM");
    }
    Optional<ProcessHandle> running = find(dataDirectory);
    if (running.isEmpty()) {
      return;
    }
    Path lockFile = dataDirectory.resolve(OWNER_LOCK);
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new DevStackException(
            "PostgreSQL data directory "
                + dataDirectory
                + " is in use by another process (postmaster "
                + running.get().pid()
                + ")");
      }
      try {
        LOG.warn("stopping orphaned postmaster {} on {}", running.get().pid(), dataDirectory);
        running.get().destroy();
        awaitExitOrKill(running.get(), grace);
      } finally {
        lock.release();
      }
    } catch (OverlappingFileLockException e) {
      throw new DevStackException(
          "PostgreSQL data directory " + dataDirectory + " is in use in this JVM", e);
    } catch (IOException e) {
      throw new DevStackException("cannot check ownership of " + dataDirectory, e);
    }
  }

  /**
   * Polls rather than using {@link ProcessHandle#onExit()}: the postmaster is not our child, and
   * once it exits it stays a zombie until init reaps it, which inside containers can take over a
   * second; a zombie has released its port and files, so it counts as gone here.
   */
  private static boolean waitForExit(ProcessHandle process, Duration timeout) {
    Deadline deadline = Deadline.after(timeout);
    while (!isGone(process)) {
      if (deadline.expired()) {
        return false;
      }
      deadline.pause(Duration.ofMillis(20));
    }
    return true;
  }

  static boolean isGone(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      // /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces, so look after the last
      // ')'
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return false; // no /proc (not Linux): rely on isAlive alone
    }
  }
}
