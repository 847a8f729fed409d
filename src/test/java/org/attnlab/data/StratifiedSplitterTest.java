package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    private static final List<String> LABELS = List.of("neg", "pos");

    /** 700 neg and 300 pos examples. */
    private static List<Example> imbalanced() {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.add(new Example(String.format(Locale.ROOT, "ex-%04d", i), "text " + i, i % 10 < 7 ? "neg" : "pos"));
        }
        return out;
    }

    private static long count(List<Example> l, String label) {
        return l.stream().filter(e -> e.label().equals(label)).count();
    }

    private static List<String> ids(List<Example> l) {
        return l.stream().map(Example::id).toList();
    }

    @Test
    void sameSeedGivesTheSameSplitAndOrder() {
        Splits a = new StratifiedSplitter(0.1, 0.2, 7).split(imbalanced(), LABELS);
        Splits b = new StratifiedSplitter(0.1, 0.2, 7).split(imbalanced(), LABELS);
        assertEquals(a, b);
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<Example> shuffled = new ArrayList<>(imbalanced());
        Collections.shuffle(shuffled, new Random(99));
        assertEquals(new StratifiedSplitter(0.1, 0.2, 7).split(imbalanced(), LABELS),
                new StratifiedSplitter(0.1, 0.2, 7).split(shuffled, LABELS));
    }

    @Test
    void differentSeedGivesADifferentSplit() {
        Splits a = new StratifiedSplitter(0.1, 0.2, 7).split(imbalanced(), LABELS);
        Splits b = new StratifiedSplitter(0.1, 0.2, 8).split(imbalanced(), LABELS);
        assertNotEquals(Set.copyOf(ids(a.test())), Set.copyOf(ids(b.test())));
    }

    @Test
    void sizesAndLabelProportionsArePreservedPerSplit() {
        Splits s = new StratifiedSplitter(0.1, 0.2, 2019).split(imbalanced(), LABELS);
        assertEquals(700, s.train().size());
        assertEquals(100, s.dev().size());
        assertEquals(200, s.test().size());
        assertEquals(490, count(s.train(), "neg"));
        assertEquals(210, count(s.train(), "pos"));
        assertEquals(70, count(s.dev(), "neg"));
        assertEquals(30, count(s.dev(), "pos"));
        assertEquals(140, count(s.test(), "neg"));
        assertEquals(60, count(s.test(), "pos"));
    }

    @Test
    void splitsArePartitionsAndNotOrderedByLabel() {
        Splits s = new StratifiedSplitter(0.1, 0.2, 2019).split(imbalanced(), LABELS);
        Set<String> all = new HashSet<>();
        for (List<Example> part : List.of(s.train(), s.dev(), s.test())) {
            for (Example e : part) {
                assertTrue(all.add(e.id()), "overlap: " + e.id());
            }
        }
        assertEquals(1000, all.size());
        // a prefix of each split has both labels: the final shuffle mixes them
        assertEquals(Set.copyOf(LABELS), s.test().subList(0, 20).stream().map(Example::label).collect(Collectors.toSet()));
        assertNotEquals(ids(s.test()), ids(s.test()).stream().sorted().toList());
    }

    @Test
    void roundingFollowsMathRoundPerLabel() {
        // 5 neg, 3 pos; 15%/15%: neg round(0.75)=1 test, 1 dev; pos round(0.45)=0 each
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ex.add(new Example("e" + i, "t", i < 5 ? "neg" : "pos"));
        }
        Splits s = new StratifiedSplitter(0.15, 0.15, 1).split(ex, LABELS);
        assertEquals(List.of(6, 1, 1), List.of(s.train().size(), s.dev().size(), s.test().size()));
        assertEquals(3, count(s.train(), "pos"));
    }

    /**
     * Locks the algorithm: these ids were produced by this implementation; if they change, every
     * published split of every dataset changes (README checksums too). java.util.Random's sequence is
     * fixed by the Java specification, so this holds in every JVM.
     */
    @Test
    void goldenSplitIsStable() {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ex.add(new Example(String.format(Locale.ROOT, "g%02d", i), "t", i % 2 == 0 ? "neg" : "pos"));
        }
        Splits s = new StratifiedSplitter(0.1, 0.1, 2019).split(ex, LABELS);
        assertEquals(GOLDEN_TEST, ids(s.test()));
        assertEquals(GOLDEN_DEV, ids(s.dev()));
        assertEquals(GOLDEN_TRAIN, ids(s.train()));
    }

    // Cross-checked with an independent Python re-implementation of java.util.Random and the algorithm.
    private static final List<String> GOLDEN_TEST = List.of("g04", "g07");
    private static final List<String> GOLDEN_DEV = List.of("g01", "g06");
    private static final List<String> GOLDEN_TRAIN = List.of("g19", "g02", "g08", "g11", "g03", "g17", "g18", "g09",
            "g00", "g12", "g05", "g14", "g16", "g13", "g10", "g15");

    @Test
    void carveDevKeepsTheGivenTestSet() {
        List<Example> train = imbalanced();
        List<Example> test = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            test.add(new Example("test-" + i, "t", i < 40 ? "neg" : "pos"));
        }
        Splits s = new StratifiedSplitter(0.15, 0, 2019).carveDev(train, test, LABELS);
        assertEquals(Set.copyOf(ids(test)), Set.copyOf(ids(s.test())));
        assertEquals(50, s.test().size());
        assertEquals(105, count(s.dev(), "neg"));
        assertEquals(45, count(s.dev(), "pos"));
        assertEquals(850, s.train().size());
        assertEquals(s, new StratifiedSplitter(0.15, 0, 2019).carveDev(train, test, LABELS));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(-0.1, 0.1, 1));
        List<Example> dup = List.of(new Example("a", "t", "neg"), new Example("a", "u", "pos"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(0.1, 0.1, 1).split(dup, LABELS))
                .getMessage().contains("duplicate example id a"));
        List<Example> unknown = List.of(new Example("a", "t", "maybe"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(0.1, 0.1, 1).split(unknown, LABELS))
                .getMessage().contains("label 'maybe' not in [neg, pos]"));
    }
}
