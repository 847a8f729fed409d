package org.attnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.attnlab.io.Json;

/** {@code attnlab inspect}: tokens, every attention matrix and (with a head) the prediction for a few texts. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the tokens, attention of every layer and head, and class probabilities for texts.")
final class InspectCommand implements Callable<Integer> {

    enum Format { json, table }

    @Mixin ModelOption modelOption = new ModelOption();

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "A text to inspect (repeatable).")
    List<String> texts;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--hidden", description = "Also output last_hidden_state (json only).")
    boolean hidden;

    @Option(names = "--truncate", description = "Cut texts longer than the model's maximum length instead of failing.")
    boolean truncate;

    @Option(names = "--top", defaultValue = "5", description = "Tokens listed per layer in the table (default: ${DEFAULT-VALUE}).")
    int top;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (ClassifierModel model = modelOption.open()) {
            // Tokenise everything first: a bad text fails before any compute and before any output.
            List<TokenizedText> inputs = new ArrayList<>();
            for (String text : texts) {
                inputs.add(model.tokenize(text, truncate));
            }
            List<ForwardResult> results = model.forward(inputs,
                    new ForwardOptions(true, hidden && format == Format.json));
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(json(model, inputs, results));
            } else {
                for (int i = 0; i < inputs.size(); i++) {
                    out.print(table(model, inputs.get(i), results.get(i)));
                }
            }
            out.flush();
        }
        return 0;
    }

    private String json(ClassifierModel model, List<TokenizedText> inputs, List<ForwardResult> results) {
        ObjectMapper mapper = Json.PLAIN;
        ArrayNode all = mapper.createArrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            TokenizedText t = inputs.get(i);
            ForwardResult r = results.get(i);
            ObjectNode o = all.addObject();
            o.put("text", t.text());
            o.set("tokens", mapper.valueToTree(t.tokens()));
            o.set("ids", mapper.valueToTree(t.ids()));
            o.set("attentions", mapper.valueToTree(r.attentions()));
            if (model.info().isClassifier()) {
                o.set("probabilities", mapper.valueToTree(r.probabilities()));
                o.set("labels", mapper.valueToTree(model.info().labels()));
            }
            if (hidden) {
                o.set("last_hidden_state", mapper.valueToTree(r.lastHiddenState()));
            }
        }
        try {
            return mapper.writeValueAsString(all.size() == 1 ? all.get(0) : all);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per layer, the tokens that receive the most attention, averaged over heads and query positions. */
    private String table(ClassifierModel model, TokenizedText t, ForwardResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("text: ").append(t.text()).append('\n');
        sb.append("tokens (").append(t.length()).append("): ").append(String.join(" ", t.tokens())).append('\n');
        if (model.info().isClassifier()) {
            sb.append("prediction: ").append(model.info().labels().get(r.predicted())).append("  (");
            for (int c = 0; c < r.probabilities().length; c++) {
                sb.append(c == 0 ? "" : ", ").append(model.info().labels().get(c))
                        .append(String.format(Locale.ROOT, " %.4f", r.probabilities()[c]));
            }
            sb.append(")\n");
        }
        sb.append("most attended tokens per layer (attention received, mean over heads and queries):\n");
        for (int l = 0; l < r.attentions().length; l++) {
            double[] received = received(r.attentions()[l]);
            Integer[] order = new Integer[received.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(received[b], received[a]));
            sb.append(String.format(Locale.ROOT, "  layer %2d:", l));
            for (int k = 0; k < Math.min(top, order.length); k++) {
                sb.append(String.format(Locale.ROOT, "  %s %.3f", t.tokens().get(order[k]), received[order[k]]));
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    private static double[] received(float[][][] layer) {
        int n = layer[0].length;
        double[] out = new double[n];
        for (float[][] head : layer) {
            for (float[] row : head) {
                for (int j = 0; j < n; j++) {
                    out[j] += row[j] / (double) (layer.length * n);
                }
            }
        }
        return out;
    }
}
