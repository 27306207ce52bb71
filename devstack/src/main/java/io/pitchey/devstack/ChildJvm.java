package io.pitchey.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A main class running in a separate JVM with this JVM's classpath: the way fault tests get a
 * component they can kill with SIGKILL.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>The child uses the same {@code java} executable and classpath as this JVM, plus the
 *       module-access flags this JVM was started with ({@code --enable-native-access}, {@code
 *       --add-opens}, ...).
 *   <li>Its stdout and stderr go to {@link #logFile()}, which is kept after the child ends.
 *   <li>Every wait is bounded. {@link #kill()} is SIGKILL; {@link #stop(Duration)} is SIGTERM
 *       (shutdown hooks run), then SIGKILL when the grace period is over.
 *   <li>No child outlives this JVM: a shutdown hook kills the remaining ones, and each child exits
 *       by itself when this JVM disappears without running hooks (see {@link ChildJvmMain}).
 * </ul>
 */
public final class ChildJvm implements AutoCloseable {

  /** Exit status of a JVM killed by SIGKILL, as reported by {@link Process#exitValue()}. */
  public static final int SIGKILL_EXIT = 128 + 9;

  /** Exit status of a JVM that ended on SIGTERM. */
  public static final int SIGTERM_EXIT = 128 + 15;

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
  private static final List<String> INHERITED_JVM_FLAGS =
      List.of(
          "--enable-native-access",
          "--sun-misc-unsafe-memory-access",
          "--add-opens",
          "--add-exports",
          "--add-modules",
          "--enable-preview",
          "-XX:+IgnoreUnrecognizedVMOptions");

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(ChildJvm::killNow), "child-jvm-reaper"));
  }

  private final String mainClass;
  private final Process process;
  private final Path logFile;

  private ChildJvm(String mainClass, Process process, Path logFile) {
    this.mainClass = mainClass;
    this.process = process;
    this.logFile = logFile;
  }

  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName());
  }

  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the child has written to stdout and stderr so far. */
  public String output() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  /**
   * Waits until a line of the child's output contains a match of {@code regex} and returns that
   * line.
   *
   * @throws DevStackException if the child exits first or {@code timeout} passes; the message
   *     carries the end of the child's output
   */
  public String waitForOutput(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    Deadline deadline = Deadline.after(timeout);
    while (true) {
      // read the file before checking liveness: output written just before exit must still count
      boolean exited = !process.isAlive();
      Optional<String> line = output().lines().filter(l -> pattern.matcher(l).find()).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (exited) {
        throw new DevStackException(
            this
                + " exited with "
                + process.exitValue()
                + " before printing /"
                + regex
                + "/; output ends with:\n"
                + tail());
      }
      if (deadline.expired()) {
        throw new DevStackException(
            this
                + " did not print /"
                + regex
                + "/ within "
                + timeout
                + "; output ends with:\n"
                + tail());
      }
      deadline.pause(POLL);
    }
  }

  /** Like {@link #waitForOutput(String, Duration)}, returning the regex's first capturing group. */
  public String waitForOutputGroup(String regex, Duration timeout) {
    Matcher matcher = Pattern.compile(regex).matcher(waitForOutput(regex, timeout));
    if (!matcher.find() || matcher.groupCount() < 1) {
      throw new IllegalArgumentException("regex has no capturing group: " + regex);
    }
    return matcher.group(1);
  }

  /**
   * SIGKILL: no shutdown hooks, no flushing. Returns the exit status (137) once the process is
   * gone.
   */
  public int kill() {
    killNow(this);
    return awaitExit(KILL_WAIT);
  }

  /**
   * SIGTERM, so the child's shutdown hooks run; SIGKILL if it is still alive after {@code grace}.
   * Returns the exit status.
   */
  public int stop(Duration grace) {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LIVE.remove(this);
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while stopping " + this, e);
    }
    return kill();
  }

  /**
   * Waits for the child to end by itself and returns its exit status.
   *
   * @throws DevStackException if it is still running after {@code timeout}
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DevStackException(this + " still running after " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting for " + this, e);
    }
    LIVE.remove(this);
    return process.exitValue();
  }

  /** {@link #stop(Duration)} with 10 s of grace. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "ChildJvm[" + mainClass + ", pid " + process.pid() + ", log " + logFile + "]";
  }

  private String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void killNow(ChildJvm child) {
    // descendants first: once the JVM is gone they would be re-parented and harder to find
    child.process.descendants().forEach(ProcessHandle::destroyForcibly);
    child.process.destroyForcibly();
  }

  /** Configures and starts a {@link ChildJvm}. */
  public static final class Builder {

    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private @Nullable Path logFile;
    private String classpath = System.getProperty("java.class.path");

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    public Builder args(List<String> values) {
      args.addAll(values);
      return this;
    }

    /** Extra JVM options, e.g. {@code -Xmx256m}. */
    public Builder jvmArgs(String... values) {
      jvmArgs.addAll(List.of(values));
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    public Builder environment(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /**
     * Where stdout and stderr go. Default: {@code target/child-jvm-logs/} when run from a Maven
     * module (so {@code mvn clean} removes them), else the system temp directory.
     */
    public Builder logFile(Path path) {
      this.logFile = path;
      return this;
    }

    /** Replaces the inherited classpath. */
    public Builder classpath(String value) {
      this.classpath = value;
      return this;
    }

    public ChildJvm start() {
      Path log = logFile != null ? logFile : defaultLogFile(mainClass);
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.addAll(inheritedJvmFlags());
      command.addAll(jvmArgs);
      command.add("-D" + ChildJvmMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
      systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-cp");
      command.add(classpath);
      command.add(ChildJvmMain.class.getName());
      command.add(mainClass);
      command.addAll(args);
      try {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        ChildJvm child = new ChildJvm(mainClass, builder.start(), log);
        LIVE.add(child);
        return child;
      } catch (IOException e) {
        throw new DevStackException("could not start a JVM for " + mainClass + ": " + command, e);
      }
    }

    private static String javaExecutable() {
      return ProcessHandle.current()
          .info()
          .command()
          .filter(c -> Files.isExecutable(Path.of(c)))
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static List<String> inheritedJvmFlags() {
      List<String> inherited = new ArrayList<>();
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (INHERITED_JVM_FLAGS.stream().anyMatch(arg::startsWith)) {
          inherited.add(arg);
        }
      }
      return inherited;
    }

    private static Path defaultLogFile(String mainClass) {
      Path dir =
          Files.isDirectory(Path.of("target"))
              ? Path.of("target", "child-jvm-logs")
              : ScratchDirectory.root().resolve("child-jvm-logs");
      String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
      return dir.resolve(
          simpleName
              + "-"
              + System.currentTimeMillis()
              + "-"
              + System.nanoTime() % 100_000
              + ".log");
    }
  }
}
