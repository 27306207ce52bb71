package io.pitchey.devstack;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local services from flooding the application's log. The in-process broker logs through
 * slf4j into whatever binding the JVM has, at INFO hundreds of lines per start; zonky adds a few
 * per PostgreSQL start. When the binding is Logback (what the apps use), these loggers are set to
 * WARN, but only those whose level the application's own configuration leaves unset, so an explicit
 * {@code <logger name="kafka" .../>} wins.
 *
 * <p>The level can be chosen with the system property {@value #LEVEL_PROPERTY} (e.g. {@code INFO}
 * to debug the broker). Logback is reached by reflection so it stays an optional dependency; other
 * bindings are left alone (configure them with their own files).
 */
final class ServiceLogLevels {

  static final String LEVEL_PROPERTY = "pitchey.devstack.log.level";
  private static final Logger LOG = LoggerFactory.getLogger(ServiceLogLevels.class);

  /**
   * Broker-only packages (client packages, .clients and .streams, are the app's business) and
   * zonky.
   */
  private static final List<String> SERVICE_LOGGERS =
      List.of(
          "io.zonky.test.db.postgres",
          "kafka",
          "state.change.logger",
          "org.apache.kafka.controller",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.image",
          "org.apache.kafka.metadata",
          "org.apache.kafka.network",
          "org.apache.kafka.queue",
          "org.apache.kafka.raft",
          "org.apache.kafka.security",
          "org.apache.kafka.server",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.storage",
          "org.apache.kafka.common.security",
          "org.apache.kafka.common.network",
          "org.apache.kafka.common.utils.AppInfoParser");

  private ServiceLogLevels() {}

  static void quiet() {
    String levelName = System.getProperty(LEVEL_PROPERTY, "WARN");
    try {
      Class<?> logbackLogger = Class.forName("ch.qos.logback.classic.Logger");
      Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
      Object level = levelClass.getMethod("toLevel", String.class).invoke(null, levelName);
      Method getLevel = logbackLogger.getMethod("getLevel");
      Method setLevel = logbackLogger.getMethod("setLevel", levelClass);
      for (String name : SERVICE_LOGGERS) {
        Object logger = LoggerFactory.getLogger(name);
        if (logbackLogger.isInstance(logger) && getLevel.invoke(logger) == null) {
          setLevel.invoke(logger, level);
        }
      }
    } catch (ClassNotFoundException e) {
      // not Logback: nothing to do
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("could not adjust service log levels", e);
    }
  }
}
