package io.pitchey.api.demo;

import java.util.List;

/**
 * What {@link DemoData#seed} left in the database.
 *
 * @param userIds the demo users, in index order (all of them, not only those inserted by this run)
 * @param publicPitchIds the demo users' non-draft pitches, the ones {@code GET /api/pitches/{id}}
 *     serves
 * @param usersInserted users this run inserted
 * @param pitchesInserted pitches this run inserted
 */
public record SeedReport(
    List<Long> userIds, List<Long> publicPitchIds, int usersInserted, int pitchesInserted) {
  public SeedReport {
    userIds = List.copyOf(userIds);
    publicPitchIds = List.copyOf(publicPitchIds);
  }
}
