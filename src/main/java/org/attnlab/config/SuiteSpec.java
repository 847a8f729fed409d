package org.attnlab.config;

import com.fasterxml.jackson.databind.JsonNode;
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
 *   - {spec: experiments/models/bilstm-imdb.yaml, seeds: [1, 2, 3]}  # one model per training seed (a seed group)
 * attention: {layer: -1, head: -1, row: 0}            # which attention is "the" attention (default shown)
 * experiments:
 *   - type: correlation
 *     pairs: [attention~gradient, attention~loo, gradient~loo]
 *   - {type: permutation, permutations: 100}
 *   - {type: adversarial, adversaries: 5, steps: 500, learning_rate: 0.01, epsilon: 0.05}
 *   - {type: erasure-single, erasure_layers: [-1]}
 *   - {type: decision-flip, random_orders: 5, rankers: [attention-gradient, attention-x-gradient]}
 *   # measures with settings, in an experiment that names them: ig_steps (integrated-gradients, 20),
 *   # lime_samples (lime, 500; sampled from the suite seed, the model and the instance id)
 * </pre>
 *
 * <p>Each experiment mapping is bound to its type's own settings record when the suite is planned
 * ({@code experiment.Suite}), so a key that does not apply to the type is an error there.
 */
public record SuiteSpec(String name, Long seed, String split, Sample sample, List<ModelEntry> models,
                        AttentionSpec attention, List<JsonNode> experiments) {

    public SuiteSpec {
        require(name != null && name.matches(Names.DIRECTORY), "name", Names.EXPECTED + ", got " + name);
        seed = seed == null ? 1L : seed;
        split = split == null ? "test" : split;
        require(split.matches("train|dev|test"), "split", "train, dev or test, got " + split);
        require(sample != null, "sample", "required (size, max_length)");
        require(models != null && !models.isEmpty(), "models", "at least one model");
        require(experiments != null && !experiments.isEmpty(), "experiments", "at least one experiment");
        attention = attention == null ? new AttentionSpec(null, null, null) : attention;
        models = List.copyOf(models);
        experiments = List.copyOf(experiments);
        for (int i = 0; i < experiments.size(); i++) {
            require(experiments.get(i).isObject() && experiments.get(i).path("type").isTextual(), "experiments[" + i + "]",
                    "a mapping with a type");
        }
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
     * times what it costs at 128). {@code seeds}, only beside {@code spec}, makes the entry a seed group: one model
     * per training seed, the spec's own seed under the spec's name and every other seed {@code k} as
     * {@code <name>-seed<k>}, so a statistic can be reported with its spread between seeds.
     */
    public record ModelEntry(String spec, String name, String dataset, Integer maxLength, List<Long> seeds) {
        public ModelEntry {
            require(maxLength == null || maxLength >= 3, "models.max_length", "must be >= 3, got " + maxLength);
            require(seeds == null || spec != null, "models.seeds", "only beside spec: (each seed is trained from the spec)");
            require(seeds == null || seeds.size() >= 2, "models.seeds", "at least two training seeds, got " + seeds);
            require(seeds == null || !seeds.contains(null), "models.seeds", "whole numbers, got " + seeds);
            require(seeds == null || seeds.stream().distinct().count() == seeds.size(), "models.seeds",
                    "each seed at most once, got " + seeds);
            seeds = seeds == null ? null : List.copyOf(seeds);
            require(spec != null ^ (name != null && dataset != null), "models",
                    "each entry needs either spec, or name and dataset");
            require(spec == null || (name == null && dataset == null), "models", "give spec alone, or name and dataset");
        }
    }

    /**
     * Which attention weights count as "the attention". Each key may be left out: layer -1 (the last),
     * head -1 (the mean over heads), row 0 ([CLS] for BERT models, the only row of the RNN models). -1 is
     * the only negative value: last layer, mean of heads, mean of rows. Checked against each model's shape
     * before any work.
     */
    public record AttentionSpec(Integer layer, Integer head, Integer row) {
        public AttentionSpec {
            layer = layer == null ? -1 : layer;
            head = head == null ? -1 : head;
            row = row == null ? 0 : row;
            require(layer >= -1, "attention.layer", "-1 (the last layer) or a layer index >= 0, got " + layer);
            require(head >= -1, "attention.head", "-1 (the mean of heads) or a head index >= 0, got " + head);
            require(row >= -1, "attention.row", "-1 (the mean of rows) or a row index >= 0, got " + row);
        }
    }

    private static void require(boolean ok, String key, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + expected);
        }
    }
}
