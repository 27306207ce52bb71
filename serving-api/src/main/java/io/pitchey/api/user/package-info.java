/**
 * Users: public profiles ({@code GET /api/users/{id}}) and the signed-in user ({@code GET
 * /api/me}).
 */
@NullMarked
package io.pitchey.api.user;

import org.jspecify.annotations.NullMarked;
