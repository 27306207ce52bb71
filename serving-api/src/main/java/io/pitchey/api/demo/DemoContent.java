package io.pitchey.api.demo;

import io.pitchey.api.pitch.Genres;
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
  private static final List<String> SETTINGS =
      List.of(
          "a fishing village on the edge of the Arctic",
          "a crumbling observatory above Lisbon",
          "a night market in Taipei",
          "a drought-stricken vineyard",
          "a floating city after the floods",
          "a boarding school for gifted liars",
          "a lunar mining colony",
          "a jazz club in 1950s Harlem",
          "an abandoned theme park",
          "a refugee camp turned republic",
          "a radio station at the end of the world",
          "a monastery that brews forbidden beer",
          "a hospital ship in the Mediterranean",
          "a desert motel run by ghosts",
          "a Victorian circus on its last tour",
          "a server farm under the ice");
  private static final List<String> COMPLICATIONS =
      List.of(
          "a stranger arrives carrying a letter addressed to someone long dead",
          "the town's only bridge collapses overnight",
          "an anonymous podcast starts predicting the future",
          "a rival claims the inheritance with a forged will",
          "the orchestra's conductor vanishes before the premiere",
          "a comet lights the sky for forty days",
          "a smuggled painting turns out to be a map",
          "the mayor bans music within the city walls",
          "an artificial intelligence files for asylum",
          "a wedding is interrupted by a flood of counterfeit money",
          "a wolf pack returns to the valley after a century",
          "an old detective reopens the case that ruined her",
          "the archive burns and only one witness remembers",
          "a chess prodigy refuses to lose on purpose");
  private static final List<String> ALLIES =
      List.of(
          "a sarcastic parrot",
          "an ex-convict beekeeper",
          "a grandmother who used to be a spy",
          "a lonely lighthouse keeper",
          "a nine-year-old inventor",
          "a burned-out surgeon",
          "an android that collects jokes",
          "a smuggler with a conscience",
          "a retired boxer",
          "a translator who hears lies");
  private static final List<String> THEMES =
      List.of(
          "grief and forgiveness",
          "ambition and its price",
          "loyalty between strangers",
          "the memory of a place",
          "class and inheritance",
          "faith in a faithless age",
          "first love and second chances",
          "courage without heroes",
          "the cost of telling the truth",
          "family as something chosen",
          "power and the people who refuse it",
          "survival and the art of hope");
  private static final List<String> TONES =
      List.of(
          "darkly funny",
          "quietly devastating",
          "breathless",
          "tender",
          "unsettling",
          "joyful",
          "melancholic",
          "razor-sharp",
          "dreamlike",
          "gritty");
  private static final List<String> ENDINGS =
      List.of(
          "ends on a choice nobody can undo",
          "builds to a heist in the middle of a hurricane",
          "closes with a confession broadcast live",
          "turns on a betrayal in the final act",
          "finds its answer at the bottom of the sea",
          "leaves one door open for a second season",
          "ends where it began, but nobody is the same",
          "climaxes during a blackout that swallows the city");
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
      String synopsis,
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
    String title = title(random);
    String hero = pick(random, HEROES);
    String logline =
        capitalised(hero)
            + " must "
            + pick(random, GOALS)
            + " before "
            + pick(random, DEADLINES)
            + ".";
    String synopsis = synopsis(random, hero);
    Instant created = past(random);
    Instant updated =
        created.plusSeconds(
            (long) (random.nextDouble() * Duration.between(created, now).toSeconds()));
    return new DemoPitch(
        random.nextInt(userCount),
        title,
        logline,
        synopsis,
        pick(random, Genres.ALL),
        status(random),
        views(random),
        created,
        updated);
  }

  /** A few title shapes over the same words, so titles repeat rarely and share words often. */
  private static String title(Random random) {
    String adjective = pick(random, ADJECTIVES);
    String noun = pick(random, NOUNS);
    return switch (random.nextInt(4)) {
      case 0 -> "The " + adjective + " " + noun;
      case 1 -> noun + " of the " + adjective + " " + pick(random, NOUNS);
      case 2 -> adjective + " " + noun + "s";
      default -> "A " + noun + " for " + capitalised(pick(random, FIRST_NAMES));
    };
  }

  /** Four or five sentences: where, what goes wrong, who helps, what it is about, how it ends. */
  private static String synopsis(Random random, String hero) {
    StringBuilder text =
        new StringBuilder()
            .append("In ")
            .append(pick(random, SETTINGS))
            .append(", ")
            .append(hero)
            .append(" is running out of time when ")
            .append(pick(random, COMPLICATIONS))
            .append(". With the help of ")
            .append(pick(random, ALLIES))
            .append(" and against ")
            .append(pick(random, ALLIES))
            .append(", the search leads from ")
            .append(pick(random, SETTINGS))
            .append(" to ")
            .append(pick(random, SETTINGS))
            .append(". A ")
            .append(pick(random, TONES))
            .append(" story about ")
            .append(pick(random, THEMES))
            .append(" that ")
            .append(pick(random, ENDINGS))
            .append('.');
    if (random.nextBoolean()) {
      text.append(" Meanwhile ")
          .append(pick(random, COMPLICATIONS))
          .append(", and the question of ")
          .append(pick(random, THEMES))
          .append(" will not go away.");
    }
    return text.toString();
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
