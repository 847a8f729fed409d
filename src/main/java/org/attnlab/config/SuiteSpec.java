package org.attnlab.config;

import java.util.List;

/**
 * A suite file ({@code experiments/*.yaml}): which models on which datasets, which instances, which
 * experiments. Validated on load; unknown keys are errors.
 *
 * <pre>
 * name: quickstart
 * seed: 1
 * split: test                      # train | dev | test
 * sample: {size: 200, max_length: 128}
 * models:
 *   - spec: experiments/models/minilm-uci-yelp.yaml   # trained first if models/&lt;name&gt; is missing
 *   - {name: my-model, dataset: uci-yelp}             # or an existing model directory (models/&lt;name&gt; or a path)
 *   - {name: hf:ORG/NAME, dataset: uci-yelp}          # or a Hugging Face hub id, downloaded once into its cache
 *   - {spec: experiments/models/minilm-imdb.yaml, max_length: 128}  # this model's own token limit
 * attention: {layer: -1, head: -1, row: 0}            # which attention is "the" attention (default shown)
 * experiments:
 *   - type: correlation
 *     pairs: [attention~gradient, attention~loo, gradient~loo]
 *   - {type: permutation, permutations: 100}
 *   - {type: adversarial, adversaries: 5, steps: 500, learning_rate: 0.01, epsilon: 0.05}
 *   - {type: erasure-single, erasure_layers: [-1]}
 *   - {type: decision-flip, random_orders: 5, rankers: [attention-gradient, attention-x-gradient]}
 *   # measures with settings, in any experiment that names them: ig_steps (integrated-gradients, 20),
 *   # lime_samples (lime, 500; sampled from the suite seed and the instance id)
 * </pre>
 */
public record SuiteSpec(String name, long seed, String split, Sample sample, List<ModelEntry> models,
                        AttentionSpec attention, List<ExperimentSpec> experiments) {

    public SuiteSpec {
        require(name != null && name.matches("[A-Za-z0-9._-]+"), "name", "letters, digits, '.', '_' or '-', got " + name);
        split = split == null ? "test" : split;
        require(split.matches("train|dev|test"), "split", "train, dev or test, got " + split);
        require(sample != null, "sample", "required (size, max_length)");
        require(models != null && !models.isEmpty(), "models", "at least one model");
        require(experiments != null && !experiments.isEmpty(), "experiments", "at least one experiment");
        attention = attention == null ? new AttentionSpec(-1, -1, 0) : attention;
        models = List.copyOf(models);
        experiments = List.copyOf(experiments);
        long distinct = experiments.stream().map(ExperimentSpec::type).distinct().count();
        require(distinct == experiments.size(), "experiments", "each type at most once");
    }

    /** Instances: the first {@code size} of the split after a seeded shuffle, cut to {@code max_length} tokens. */
    public record Sample(int size, int maxLength) {
        public Sample {
            require(size >= 1, "sample.size", "must be >= 1, got " + size);
            require(maxLength >= 3, "sample.max_length", "must be >= 3, got " + maxLength);
        }
    }

    /**
     * A model: a training spec (trained when missing), or a name/directory with the dataset it classifies;
     * {@code maxLength}, when given, replaces {@code sample.max_length} for this model (leave-one-out
     * runs one pass per token, each longer with the length: a transformer at 256 tokens costs about four
     * times what it costs at 128).
     */
    public record ModelEntry(String spec, String name, String dataset, Integer maxLength) {
        public ModelEntry {
            require(maxLength == null || maxLength >= 3, "models.max_length", "must be >= 3, got " + maxLength);
            require(spec != null ^ (name != null && dataset != null), "models",
                    "each entry needs either spec, or name and dataset");
            require(spec == null || (name == null && dataset == null), "models", "give spec alone, or name and dataset");
        }
    }

    /** Which attention weights count as "the attention": layer (-1 = last), head (-1 = mean), row (-1 = mean). */
    public record AttentionSpec(int layer, int head, int row) {
    }

    /** One experiment; the keys that apply depend on {@code type}. */
    public record ExperimentSpec(String type, List<String> pairs, Integer permutations, Integer randomOrders,
                                 List<String> rankers, List<Integer> erasureLayers, Integer igSteps,
                                 Integer limeSamples, Integer adversaries, Integer steps, Double learningRate,
                                 Double epsilon) {
        public ExperimentSpec {
            require(type != null && type.matches("correlation|permutation|adversarial|erasure-single|decision-flip|efficient-attention"),
                    "experiments.type", "correlation, permutation, adversarial, erasure-single, decision-flip or "
                            + "efficient-attention, got " + type);
            require(adversaries == null && steps == null && learningRate == null && epsilon == null
                    || type.equals("adversarial"), "experiments." + type,
                    "adversaries, steps, learning_rate and epsilon apply to adversarial only");
            require(pairs == null || type.equals("correlation"), "experiments." + type, "pairs applies to correlation only");
            require(permutations == null || type.equals("permutation"), "experiments." + type, "permutations applies to permutation only");
            require(permutations == null || permutations >= 1, "experiments.permutations", "must be >= 1");
            require(randomOrders == null || type.equals("decision-flip"), "experiments." + type,
                    "random_orders applies to decision-flip only");
            require(rankers == null || type.matches("decision-flip|efficient-attention"), "experiments." + type,
                    "rankers applies to decision-flip and efficient-attention (the measures compared with attention)");
            require(erasureLayers == null || type.matches("erasure-single|decision-flip|efficient-attention"),
                    "experiments." + type, "erasure_layers applies to erasure-single, decision-flip and efficient-attention");
            pairs = pairs == null ? List.of("attention~gradient", "attention~loo", "gradient~loo") : List.copyOf(pairs);
            for (String p : pairs) {
                require(p.matches("[a-z0-9-]+~[a-z0-9-]+"), "experiments.pairs", "m1~m2, got " + p);
            }
            permutations = permutations == null ? 100 : permutations;
            randomOrders = randomOrders == null ? 5 : randomOrders;
            require(randomOrders >= 0, "experiments.random_orders", "must be >= 0");
            rankers = rankers == null ? (type.equals("efficient-attention") ? List.of("gradient", "loo")
                    : List.of("attention-gradient", "attention-x-gradient")) : List.copyOf(rankers);
            erasureLayers = erasureLayers == null ? List.of(-1) : List.copyOf(erasureLayers);
            igSteps = igSteps == null ? 20 : igSteps;
            require(igSteps >= 1, "experiments.ig_steps", "must be >= 1");
            limeSamples = limeSamples == null ? 500 : limeSamples;
            require(limeSamples >= 1, "experiments.lime_samples", "must be >= 1");
            adversaries = adversaries == null ? 5 : adversaries;
            steps = steps == null ? 500 : steps;
            learningRate = learningRate == null ? 0.01 : learningRate;
            epsilon = epsilon == null ? 0.05 : epsilon;
            require(adversaries >= 1 && steps >= 1 && learningRate > 0 && epsilon > 0, "experiments." + type,
                    "adversaries, steps >= 1; learning_rate, epsilon > 0");
        }
    }

    private static void require(boolean ok, String key, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + expected);
        }
    }
}
