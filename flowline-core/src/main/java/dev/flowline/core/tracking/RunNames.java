package dev.flowline.core.tracking;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Names for runs created without one, in MLflow's {@code adjective-noun-number} style, at most 20 characters as MLflow's. */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of(
            "able", "bold", "brave", "bright", "calm", "clean", "clever", "crisp", "curious", "daring", "eager", "fair",
            "gentle", "glad", "grand", "honest", "keen", "kind", "lively", "lucky", "mellow", "merry", "nimble",
            "polite", "proud", "quick", "quiet", "rare", "shy", "silent", "smart", "steady", "sunny", "swift", "tidy",
            "vivid", "warm", "wise", "witty", "zesty");
    private static final List<String> NOUNS = List.of(
            "ant", "bass", "bat", "bear", "bee", "carp", "cat", "cod", "colt", "crab", "crow", "deer", "doe", "dove",
            "duck", "eel", "elk", "finch", "fish", "fox", "frog", "goat", "gull", "hare", "hawk", "hen", "jay", "koi",
            "lamb", "lark", "mole", "moth", "newt", "owl", "ox", "pig", "ram", "seal", "slug", "snail", "swan", "toad",
            "trout", "wasp", "whale", "wolf", "wren");

    private RunNames() {}

    /** A name such as {@code calm-owl-42}; the number is 0 to 1000 inclusive, as MLflow's {@code randint(0, 1000)}. */
    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size())) + "-"
                + random.nextInt(1001);
    }
}
