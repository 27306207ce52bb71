package io.pitchey.devstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every {@link ChildJvm}: exits this JVM when the parent JVM dies, then runs the
 * real main class. Shutdown hooks cannot cover a parent killed with SIGKILL; without this, such a
 * child would run on forever, holding its ports.
 *
 * <p>Arguments: the real main class, then its arguments. The parent's pid comes in the system
 * property {@value #PARENT_PID_PROPERTY}.
 */
public final class ChildJvmMain {

  static final String PARENT_PID_PROPERTY = "pitchey.devstack.parent.pid";

  /** Exit status when the parent died: 128 + SIGHUP, as if a terminal had closed. */
  static final int PARENT_DIED_EXIT = 129;

  private ChildJvmMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ChildJvmMain <main class> [args...]");
    }
    watchParent();
    Method main =
        Class.forName(args[0], true, ClassLoader.getSystemClassLoader())
            .getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause(); // behave as if the real main had been launched directly
    }
  }

  private static void watchParent() {
    String pid = System.getProperty(PARENT_PID_PROPERTY);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
    if (parent.isEmpty()) {
      Runtime.getRuntime().halt(PARENT_DIED_EXIT);
    }
    parent
        .get()
        .onExit()
        .thenRun(
            () -> {
              // run the child's shutdown hooks, but never hang on them
              Thread halter =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(10_000);
                        } catch (InterruptedException ignored) {
                          // halting anyway
                        }
                        Runtime.getRuntime().halt(PARENT_DIED_EXIT);
                      },
                      "parent-died-halter");
              halter.setDaemon(true);
              halter.start();
              System.exit(PARENT_DIED_EXIT);
            });
  }
}
