package io.pitchey.api.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Invents plausible users and pitches. Each one is a pure function of the seed and its index, so a
 * second run with the same seed invents the same people, whatever the counts asked for.
 */
final class DemoContent {
  private static final List<String> FIRST_NAMES =
      List.of(
          "maya", "arjun", "lena", "tomas", "sofia", "kenji", "amara", "lucas", "noor", "felix",
          "ines", "omar", "hana", "diego", "freya", "kofi", "elena", "ravi", "zoe", "mateo");
  private static final List<String> LAST_NAMES =
      List.of(
          "chen",
          "okafor",
          "novak",
          "silva",
          "haddad",
          "larsen",
          "moreau",
          "tanaka",
          "adeyemi",
          "kowalski",
          "rossi",
          "nguyen",
          "fischer",
          "mendes",
          "ibrahim",
          "walsh");
  private static final List<String> CRAFTS =
      List.of(
          "screenwriter",
          "documentary maker",
          "showrunner",
          "animator",
          "playwright",
          "producer",
          "novelist");
  private static final List<String> GENRES =
      List.of(
          "drama",
          "comedy",
          "thriller",
          "sci-fi",
          "horror",
          "documentary",
          "romance",
          "animation",
          "fantasy",
          "mystery");
  private static final List<String> ADJECTIVES =
      List.of(
          "Silent",
          "Broken",
          "Last",
          "Electric",
          "Hidden",
          "Midnight",
          "Paper",
          "Golden",
          "Borrowed",
          "Restless",
          "Crooked",
          "Northern",
          "Glass",
          "Lucky",
          "Quiet");
  private static final List<String> NOUNS =
      List.of(
          "Harbor",
          "Orchard",
          "Signal",
          "Kingdom",
          "Frequency",
          "Lighthouse",
          "Ledger",
          "Garden",
          "Circuit",
          "Tide",
          "Archive",
          "Parade",
          "Summer",
          "Machine",
          "Crossing");
  private static final List<String> HEROES =
      List.of(
          "a retired astronaut",
          "a small-town pharmacist",
          "two estranged sisters",
          "a disgraced chef",
          "a teenage hacker",
          "an insomniac night guard",
          "a grieving cartographer",
          "a failing magician");
  private static final List<String> GOALS =
      List.of(
          "find the person who rewrote their past",
          "win back the family restaurant",
          "keep a dangerous secret",
          "cross a border that no longer exists",
          "finish the song their father started",
          "outrun a rumour");
  private static final List<String> DEADLINES =
      List.of(
          "the harvest ends",
          "the storm reaches the coast",
          "the vote is counted",
          "the last ferry leaves",
          "the museum opens",
          "their memory fades for good");
  private static final Duration HISTORY = Duration.ofDays(365);

  private final long seed;
  private final Instant now;

  DemoContent(long seed, Instant now) {
    this.seed = seed;
    this.now = now;
  }

  record DemoUser(String handle, String displayName, String email, String bio, Instant createdAt) {}

  record DemoPitch(
      int ownerIndex,
      String title,
      String logline,
      String genre,
      String status,
      long viewCount,
      Instant createdAt,
      Instant updatedAt) {}

  DemoUser user(int index) {
    Random random = random("user", index);
    String first = pick(random, FIRST_NAMES);
    String last = pick(random, LAST_NAMES);
    String handle = first + "_" + last + "_" + index;
    String bio = capitalised(pick(random, CRAFTS)) + " based in " + pick(random, NOUNS) + " Bay.";
    return new DemoUser(
        handle,
        capitalised(first) + " " + capitalised(last),
        handle + "@demo.pitchey.test",
        bio,
        past(random));
  }

  DemoPitch pitch(int index, int userCount) {
    Random random = random("pitch", index);
    String title = "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
    String logline =
        capitalised(pick(random, HEROES))
            + " must "
            + pick(random, GOALS)
            + " before "
            + pick(random, DEADLINES)
            + ".";
    Instant created = past(random);
    Instant updated =
        created.plusSeconds(
            (long) (random.nextDouble() * Duration.between(created, now).toSeconds()));
    return new DemoPitch(
        random.nextInt(userCount),
        title,
        logline,
        pick(random, GENRES),
        status(random),
        views(random),
        created,
        updated);
  }

  /** Mostly published; some drafts (not public) and archived pitches (public). */
  private static String status(Random random) {
    double draw = random.nextDouble();
    return draw < 0.80 ? "published" : draw < 0.92 ? "draft" : "archived";
  }

  /**
   * Pareto-distributed, as attention is: most pitches get a few views, a handful get most of them.
   */
  private static long views(Random random) {
    double pareto = 10 / Math.pow(1 - random.nextDouble(), 1 / 1.2);
    return Math.min(1_000_000, (long) pareto);
  }

  private Instant past(Random random) {
    return now.minusSeconds((long) (random.nextDouble() * HISTORY.toSeconds()));
  }

  private Random random(String kind, int index) {
    return new Random(seed * 1_000_003L + kind.hashCode() * 31L + index);
  }

  private static String pick(Random random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
