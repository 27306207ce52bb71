package io.pitchey.api.cache;

import java.util.function.Consumer;

/** {@link InvalidationBus#localOnly()}: invalidations stay in this instance. */
final class LocalInvalidationBus implements InvalidationBus {
  static final LocalInvalidationBus INSTANCE = new LocalInvalidationBus();

  private LocalInvalidationBus() {}

  @Override
  public void publish(String pattern) {}

  @Override
  public void subscribe(Consumer<String> apply) {}

  @Override
  public void close() {}
}
