package io.pitchey.devstack;

/** Removing a JVM shutdown hook, which is refused (harmlessly) once the JVM is shutting down. */
final class ShutdownHooks {
  private ShutdownHooks() {}

  static void remove(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: we are (or were) called from the hook itself
    }
  }
}
