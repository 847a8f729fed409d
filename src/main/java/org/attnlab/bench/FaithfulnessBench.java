package org.attnlab.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.attnlab.data.TokenizedText;
import org.attnlab.explain.faithfulness.Faithfulness;
import org.attnlab.explain.faithfulness.TokenDeletion;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ModelBenchmark;
import org.attnlab.model.ModelBenchmark.Timing;

/**
 * The ERASER deletions of one input for several seeded random rankings, as the faithfulness computation runs them
 * (every deletion in one batched call) against one forward per deletion: by token removal, and for self-attention
 * models (a square attention in layer 0) also by attention masking. Both in one run on one machine, so the ratio holds.
 */
public final class FaithfulnessBench {

    private FaithfulnessBench() {
    }

    public static List<Timing> run(ModelBenchmark bench, ClassifierModel model, TokenizedText input, int orders,
                            PrintWriter console) {
        List<Timing> out = new ArrayList<>();
        if (orders < 1) {
            return out;
        }
        Map<String, double[]> rankings = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int r = 0; r < orders; r++) {
            double[] scores = new double[input.length()];
            for (int t = 0; t < scores.length; t++) {
                scores[t] = random.nextDouble();
            }
            rankings.put("order-" + r, scores);
        }
        List<int[]> deletions = new ArrayList<>(new Faithfulness(Faithfulness.ERASER_FRACTIONS, TokenDeletion.REMOVE)
                .deletions(input, rankings));
        // As the faithfulness computation batches them: fewest positions removed (longest input) first.
        deletions.sort(java.util.Comparator.comparingInt(d -> d.length));
        List<TokenizedText> removed = new ArrayList<>(deletions.size());
        for (int[] d : deletions) {
            removed.add(Faithfulness.without(input, d));
        }
        String name = "faithfulness-remove-x" + removed.size();
        pair(console, out, bench.inputsBatched(name, removed), bench.inputsOneByOne(name, removed));
        float[][][][] attention = model.forward(input, ForwardOptions.WITH_ATTENTIONS).attentions();
        if (attention != null && attention[0][0].length == input.length()) {
            List<List<AttentionEdit>> masks = new ArrayList<>(deletions.size());
            for (int[] d : deletions) {
                masks.add(Faithfulness.maskEdits(model.info().layers(), d));
            }
            String maskName = "faithfulness-mask-x" + masks.size();
            pair(console, out, bench.editsBatched(maskName, input, masks), bench.editsOneByOne(maskName, input, masks));
        }
        return out;
    }

    private static void pair(PrintWriter console, List<Timing> out, Timing batched, Timing oneByOne) {
        for (Timing t : List.of(batched, oneByOne)) {
            console.printf(Locale.ROOT, "%-32s batch %4d  seq %4d  median %9.2f ms  %9.1f items/s%n", t.name(), t.batch(),
                    t.sequenceLength(), t.medianMillis(), t.itemsPerSecond());
        }
        console.printf(Locale.ROOT, "  batched deletions are %.1fx faster than one forward each%n",
                oneByOne.medianMillis() / batched.medianMillis());
        console.flush();
        out.add(batched);
        out.add(oneByOne);
    }
}
