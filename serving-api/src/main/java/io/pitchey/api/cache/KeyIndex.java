package io.pitchey.api.cache;

import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The cached keys in sorted order, so that a prefix pattern finds its keys in time proportional to
 * how many match rather than to the size of the cache.
 *
 * <p>The index may briefly hold a key the cache has already dropped (an eviction not yet reported),
 * which costs one needless remove; it must never miss a key the cache holds, or an invalidation
 * would leave that entry served. So every change of one key, in the index and in the cache
 * together, runs under that key's lock stripe: a put cannot slip between an eviction report's check
 * and its removal from the index. Thread-safe.
 */
final class KeyIndex {
  private static final int STRIPES = 64;

  private final NavigableSet<String> keys = new ConcurrentSkipListSet<>();
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  KeyIndex() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Adds {@code key}, then runs {@code store} while no report about it can drop it. */
  void added(String key, Runnable store) {
    locked(
        key,
        () -> {
          keys.add(key);
          store.run();
        });
  }

  /** Runs {@code drop}, then forgets {@code key}. */
  void removed(String key, Runnable drop) {
    locked(
        key,
        () -> {
          drop.run();
          keys.remove(key);
        });
  }

  /**
   * Forgets a key the cache reports gone (evicted, expired), unless {@code stillCached} says a new
   * value arrived meanwhile.
   */
  void reportedGone(String key, Predicate<String> stillCached) {
    locked(
        key,
        () -> {
          if (!stillCached.test(key)) {
            keys.remove(key);
          }
        });
  }

  /** Removes every key starting with {@code prefix} via {@code drop}; returns how many. */
  int removePrefix(String prefix, Consumer<String> drop) {
    List<String> matching = List.copyOf(withPrefix(prefix));
    matching.forEach(key -> removed(key, () -> drop.accept(key)));
    return matching.size();
  }

  /** The keys starting with {@code prefix}, a live view. */
  NavigableSet<String> withPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return keys;
    }
    // every key with the prefix sorts before the prefix with its last char incremented
    String end =
        prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    return keys.subSet(prefix, true, end, false);
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  int size() {
    return keys.size();
  }

  private void locked(String key, Runnable action) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
