package org.attnlab.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch forming, checked against what each rule's definition implies for hand-chosen lengths. */
class BatchingTest {

    @TempDir Path tmp;

    private static TokenizedText ofLength(int length) {
        List<String> tokens = new ArrayList<>(Collections.nCopies(length, "w"));
        return new TokenizedText("", tokens, new long[length], new boolean[length]);
    }

    private static List<TokenizedText> ofLengths(int... lengths) {
        List<TokenizedText> out = new ArrayList<>();
        for (int l : lengths) {
            out.add(ofLength(l));
        }
        return out;
    }

    private static void assertEveryIndexOnce(List<int[]> batches, int n) {
        int[] seen = new int[n];
        for (int[] b : batches) {
            for (int i : b) {
                seen[i]++;
            }
        }
        int[] once = new int[n];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Test
    void lengthSortedBatchesAreConsecutiveRunsOfTheSortedSet() {
        // Lengths 30 apart in ratio 1.3 > 1.1 / 0.9: no +-10% noise can reorder them, so the batches must be exactly
        // the length order cut into fours (the last one short), in some shuffled order.
        int n = 18;
        int[] lengths = new int[n];
        List<Integer> byLength = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byLength.add(i);
        }
        Collections.shuffle(byLength, new Random(5));
        for (int rank = 0; rank < n; rank++) {
            lengths[byLength.get(rank)] = (int) Math.round(10 * Math.pow(1.3, rank));
        }
        List<TokenizedText> inputs = ofLengths(lengths);
        Set<List<Integer>> expected = new HashSet<>();
        for (int from = 0; from < n; from += 4) {
            expected.add(byLength.subList(from, Math.min(n, from + 4)));
        }
        List<int[]> batches = Batching.LENGTH_SORTED.batches(inputs, 4, new Random(1));
        Set<List<Integer>> got = new HashSet<>();
        for (int[] b : batches) {
            got.add(Arrays.stream(b).boxed().toList());
        }
        assertEquals(5, batches.size());
        assertEquals(expected, got);
        assertEveryIndexOnce(batches, n);
        // The batch order is shuffled: two epochs' random draws give two orders (1 chance in 5! = 120 of equality).
        List<int[]> other = Batching.LENGTH_SORTED.batches(inputs, 4, new Random(2));
        assertNotEquals(batches.stream().map(Arrays::toString).toList(), other.stream().map(Arrays::toString).toList());
    }

    @Test
    void theNoiseIsRealAndAtMostTenPercent() {
        // 100 moves to [90, 110) and 123 to [123 - 13, 123 + 13) = [110, 136): never interleaved.
        List<TokenizedText> apart = ofLengths(alternating(100, 123, 64));
        for (int seed = 0; seed < 20; seed++) {
            for (int[] b : Batching.LENGTH_SORTED.batches(apart, 16, new Random(seed))) {
                assertEquals(1, Arrays.stream(b).map(i -> apart.get(i).length()).distinct().count(), "a batch mixed 100 and 123");
            }
        }
        // 100 and 105 overlap in [95, 110): with 32 of each, some batch of 16 mixes them (without noise none would).
        List<TokenizedText> close = ofLengths(alternating(100, 105, 64));
        boolean mixed = false;
        for (int[] b : Batching.LENGTH_SORTED.batches(close, 16, new Random(3))) {
            mixed |= Arrays.stream(b).map(i -> close.get(i).length()).distinct().count() > 1;
        }
        assertTrue(mixed, "no batch mixed 100 and 105: the lengths were not perturbed");
    }

    @Test
    void windowedBatchesSortOnlyWithinWindowsOfFiftyBatches() {
        // Distinct lengths 1..250, batch size 2: a window is 2 x 50 = 100 examples, so 250 examples make windows of
        // 100, 100 and 50. The definition, step by step: the seeded shuffle's first 100 / next 100 / last 50
        // indices, each sorted by length, paired off. Every model trained before length-sorted batching existed
        // depends on these exact batches.
        int n = 250;
        Random draw = new Random(9);
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, draw);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = n - i;   // the longest first: index order is not length order
        }
        Set<List<Integer>> expected = new HashSet<>();
        for (int from = 0; from < n; from += 100) {
            List<Integer> window = new ArrayList<>(shuffled.subList(from, Math.min(n, from + 100)));
            window.sort((a, b) -> Integer.compare(lengths[a], lengths[b]));
            for (int k = 0; k < window.size(); k += 2) {
                expected.add(window.subList(k, k + 2));
            }
        }
        List<int[]> batches = Batching.WINDOWED.batches(ofLengths(lengths), 2, new Random(9));
        assertEquals(125, batches.size());
        assertEveryIndexOnce(batches, n);
        Set<List<Integer>> got = new HashSet<>();
        for (int[] b : batches) {
            got.add(Arrays.stream(b).boxed().toList());
        }
        assertEquals(expected, got);
        // Unlike a sort of the whole set, a window pairs lengths that are not neighbours in the whole set.
        assertTrue(batches.stream().anyMatch(b -> Math.abs(lengths[b[0]] - lengths[b[1]]) > 1));
    }

    @Test
    void aSpecsBatchingReachesTheTrainingPlan() throws Exception {
        String yaml = """
                name: x
                dataset: imdb-jw
                model: {kind: rnn, encoder: cnn, attention: additive}
                training: {epochs: 8, batch_size: 32, learning_rate: 1.0e-3, weight_decay: 0, seed: 1, max_length: 401%s}
                """;
        TrainingSpec sorted = YamlFiles.read(Files.writeString(tmp.resolve("sorted.yaml"),
                yaml.formatted(", batching: length-sorted")), TrainingSpec.class);
        TrainingSpec plain = YamlFiles.read(Files.writeString(tmp.resolve("plain.yaml"), yaml.formatted("")), TrainingSpec.class);
        assertEquals(Batching.LENGTH_SORTED, SpecTraining.plan(sorted.training()).batching());
        assertEquals(Batching.WINDOWED, SpecTraining.plan(plain.training()).batching());
        assertEquals(Batching.LENGTH_SORTED, SpecTraining.plan(sorted.training().withSeed(2)).batching());
    }

    @Test
    void namesAndRefusals() {
        assertEquals(Batching.LENGTH_SORTED, Batching.of("length-sorted"));
        assertEquals(Batching.WINDOWED, Batching.of("windowed"));
        assertThrows(IllegalArgumentException.class, () -> Batching.of("bucketed"));
        assertThrows(IllegalArgumentException.class, () -> Batching.WINDOWED.batches(ofLengths(1, 2), 0, new Random(1)));
    }

    private static int[] alternating(int a, int b, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 2 == 0 ? a : b;
        }
        return out;
    }
}
