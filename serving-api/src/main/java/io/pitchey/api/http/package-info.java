/**
 * HTTP plumbing shared by every feature: RFC 9457 problem responses mapped in one place, headers,
 * JSON, ETags.
 */
@NullMarked
package io.pitchey.api.http;

import org.jspecify.annotations.NullMarked;
