/**
 * Flyway Java migrations: the steps a plain SQL file cannot express, such as loading a library's
 * own schema script. Flyway finds them through {@code classpath:io/pitchey/sql/migration}.
 */
@NullMarked
package io.pitchey.sql.migration;

import org.jspecify.annotations.NullMarked;
