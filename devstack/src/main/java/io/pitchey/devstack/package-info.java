/**
 * Real services for tests and the demo, started by the project itself: no Docker, no installation.
 *
 * <ul>
 *   <li>{@link io.pitchey.devstack.EmbeddedKafka}: a single-node KRaft Kafka inside this JVM.
 *   <li>{@link io.pitchey.devstack.LocalPostgres}: a PostgreSQL server from zonky's bundled
 *       binaries.
 *   <li>{@link io.pitchey.devstack.DevStack}: both, started in parallel.
 *   <li>{@link io.pitchey.devstack.DevStackExtension}: one shared stack per test JVM for JUnit 5.
 *   <li>{@link io.pitchey.devstack.ChildJvm}: a component in its own JVM, for fault tests that
 *       SIGKILL it.
 *   <li>{@link io.pitchey.devstack.DevStackMain}: the stack by hand, until Ctrl-C.
 * </ul>
 *
 * Temporary data lives under {@code ${java.io.tmpdir}/pitchey-devstack-${user.name}/} and is
 * removed on close; what a killed JVM leaves there (including a running postmaster) is cleaned up
 * by the next start.
 */
@NullMarked
package io.pitchey.devstack;

import org.jspecify.annotations.NullMarked;
