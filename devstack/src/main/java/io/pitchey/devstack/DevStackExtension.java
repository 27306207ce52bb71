package io.pitchey.devstack;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 access to one {@link DevStack} shared by all tests of the test JVM.
 *
 * <p>Use {@code @ExtendWith(DevStackExtension.class)} and declare a parameter of type {@link
 * DevStack}, {@link EmbeddedKafka} or {@link LocalPostgres} on a test, lifecycle method or
 * constructor.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>The stack starts once per test JVM, on first use, and is stopped (temporary data deleted)
 *       when the JVM's tests have finished: it lives in the root context's store, which JUnit
 *       closes last.
 *   <li>State is shared: use unique names (topics, consumer groups, transactional ids) and, for an
 *       isolated database, {@link LocalPostgres#createUniqueDatabase(String)}.
 * </ul>
 *
 * <p><b>Contract for fault tests:</b> a test that {@code stop()}s or {@code restart()}s a service
 * must leave it running when it ends (restart it in the test or a {@code finally}); ports and data
 * survive a restart, so other tests do not notice. If a test breaks this contract, this extension
 * restarts the service after the test, so later tests still work, and fails the offending test.
 * With parallel test execution, mark fault tests {@code @Isolated}: a stopped service is visible to
 * every concurrent test.
 */
public final class DevStackExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DevStackExtension.class);

  /** The shared stack, starting it if this is the first use in this JVM. */
  public static DevStack stack(ExtensionContext context) {
    // the root store outlives every test class and is closed (AutoCloseable) when the engine
    // finishes
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(DevStack.class, key -> DevStack.start(), DevStack.class);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == DevStack.class || type == EmbeddedKafka.class || type == LocalPostgres.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    DevStack stack = stack(extensionContext);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == EmbeddedKafka.class) {
      return stack.kafka();
    }
    if (type == LocalPostgres.class) {
      return stack.postgres();
    }
    return stack;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DevStack stack = context.getRoot().getStore(NAMESPACE).get(DevStack.class, DevStack.class);
    if (stack == null) {
      return; // this test did not use the stack
    }
    List<String> leftStopped = new ArrayList<>();
    if (!stack.kafka().isRunning()) {
      leftStopped.add("Kafka");
      stack.kafka().restart();
    }
    if (!stack.postgres().isRunning()) {
      leftStopped.add("PostgreSQL");
      stack.postgres().restart();
    }
    if (!leftStopped.isEmpty()) {
      throw new IllegalStateException(
          context.getDisplayName()
              + " left "
              + String.join(" and ", leftStopped)
              + " stopped; tests sharing the dev stack must restart what they stop (restarted it now)");
    }
  }
}
