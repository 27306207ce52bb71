/**
 * A build tool: the jOOQ classes of a schema, generated from the project's real Flyway migrations
 * applied to a fresh embedded PostgreSQL, so the Java view of the schema cannot drift from the SQL.
 *
 * <p>{@link io.pitchey.codegen.JooqSchemaGenerator} is the entry point; modules run it in their
 * {@code generate-sources} phase. It regenerates only when {@link io.pitchey.codegen.SchemaStamp}
 * says the migrations or the generator's configuration changed.
 */
@NullMarked
package io.pitchey.codegen;

import org.jspecify.annotations.NullMarked;
