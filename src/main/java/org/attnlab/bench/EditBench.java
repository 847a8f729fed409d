package org.attnlab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ModelBenchmark;
import org.attnlab.model.ModelBenchmark.Timing;

/**
 * Attention edits batched vs one forward each: N seeded random permutations of the non-special keys of every head,
 * in the first layer (everything above recomputed) and in the last (only the top recomputed).
 */
public final class EditBench {

    private EditBench() {
    }

    public static List<Timing> run(ModelBenchmark bench, TokenizedText input, int layers, int edits) {
        List<Timing> out = new ArrayList<>();
        for (int layer : new int[] {0, layers - 1}) {
            List<List<AttentionEdit>> sets = permutations(input.length(), layer, edits);
            String name = "permute-layer" + layer + "-x" + edits;
            out.add(bench.editsBatched(name, input, sets));
            out.add(bench.editsOneByOne(name, input, sets));
        }
        return out;
    }

    /** N seeded random permutations of the non-special keys of every head of one layer. */
    static List<List<AttentionEdit>> permutations(int n, int layer, int count) {
        Random random = new Random(42);
        List<List<AttentionEdit>> sets = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<Integer> inner = new ArrayList<>();
            for (int j = 1; j < n - 1; j++) {
                inner.add(j);
            }
            Collections.shuffle(inner, random);
            int[] perm = new int[n];
            perm[n - 1] = n - 1;
            for (int j = 1; j < n - 1; j++) {
                perm[j] = inner.get(j - 1);
            }
            sets.add(List.of(new AttentionEdit.PermuteKeys(layer, AttentionEdit.ALL_HEADS, perm)));
        }
        return sets;
    }
}
