package io.pitchey.api.cache;

import java.util.function.Consumer;

/**
 * Carries cache invalidations between serving instances, so that a change made through one instance
 * drops the entry from every instance's cache, not only its own.
 */
public interface InvalidationBus extends AutoCloseable {

  /** Tells the other instances to drop the keys matching {@code pattern}. */
  void publish(String pattern);

  /**
   * Starts delivering the other instances' invalidations to {@code apply}, on a thread of the bus.
   * Called once.
   */
  void subscribe(Consumer<String> apply);

  @Override
  void close();

  /** A bus for a single instance, or one without Kafka: nothing to tell, nothing to hear. */
  static InvalidationBus localOnly() {
    return LocalInvalidationBus.INSTANCE;
  }
}
