package io.pitchey.api.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Coalesces concurrent loads of one key: the first caller loads, the others wait for its result (or
 * its exception) instead of each querying the database, so a popular entry that expires costs one
 * query, not one per waiting request.
 *
 * <p>Waiting is bounded: a follower that has waited {@code maxWait} loads on its own rather than
 * hang behind a stuck leader. Thread-safe.
 */
final class SingleFlight<T> {
  private final ConcurrentHashMap<String, CompletableFuture<T>> flights = new ConcurrentHashMap<>();
  private final Duration maxWait;

  SingleFlight(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** {@code load}'s result, computed by this call or by a concurrent one for the same key. */
  T run(String key, Supplier<T> load) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> leader = flights.putIfAbsent(key, mine);
    if (leader != null) {
      return follow(leader, load);
    }
    try {
      T result = load.get();
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      flights.remove(key, mine);
    }
  }

  /**
   * Stops offering the load in flight for {@code key} to later callers, who start their own; its
   * current followers still get its result.
   */
  void forget(String key) {
    flights.remove(key);
  }

  /** {@link #forget} for every key in flight that matches. */
  void forgetWhere(Predicate<String> keys) {
    flights.keySet().removeIf(keys);
  }

  /** Loads in flight now. */
  int inFlight() {
    return flights.size();
  }

  private T follow(CompletableFuture<T> leader, Supplier<T> load) {
    try {
      return leader.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // the leader's failure is this caller's too: same key, same moment
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      return load.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a concurrent load", e);
    }
  }
}
