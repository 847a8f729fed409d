package org.attnlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model to train, as written in {@code experiments/models/*.yaml}.
 *
 * <pre>
 * name: minilm-uci-yelp        # output: models/&lt;name&gt;/
 * dataset: uci-yelp            # a built-in dataset (attnlab data list), or a CSV/TSV/JSONL file (fields
 *                              # text, label; relative to this spec; seeded 80/10/10 split)
 * model:
 *   kind: transformer          # transformer | rnn
 *   base: minilm               # transformer: catalog name or HF directory
 *   pooling: cls-pooler        # transformer: cls-pooler | mean
 *   trainable: top-2           # transformer: head | top-K | all
 *   encoder: bilstm            # rnn: bilstm | bigru | cnn | average | none
 *   attention: additive        # rnn: additive | dot | uniform (alpha = 1/n over the real tokens, no parameters)
 *   embedding_dim: 300         # rnn (default: Jain &amp; Wallace's 300)
 *   hidden_size: 128           # rnn (per direction for bilstm/bigru; default: Jain &amp; Wallace's for the encoder)
 *   min_count: 5               # rnn vocabulary
 *   embeddings: minilm         # rnn: start the word vectors from this transformer's word-piece table (default: random)
 *   tokenizer: keras           # rnn: regex (default: words and punctuation) | keras (Jain &amp; Wallace's IMDB words)
 *   min_documents: 10          # rnn: vocabulary = words in at least this many training texts (replaces min_count)
 *   output: sigmoid            # rnn: softmax (default) | sigmoid (two classes: one unit, Jain &amp; Wallace's head)
 *   word_vectors: skipgram     # rnn: start the embeddings, at raw scale, zero where there is no vector, from
 *                              # skip-gram vectors trained on the training split (word2vec's defaults, one
 *                              # fixed seed for all training seeds, cached in models/.word-vectors) or from a
 *                              # text-format file (word v1 ... vD; relative to the spec), or from a catalog
 *                              # transformer's word-piece table (minilm, bge-small, e5-small: a word's mean
 *                              # piece row, reduced to embedding_dim along its top principal axes)
 *   embedding_scale: 0.12      # rnn: multiply the start (random or word_vectors) by one factor so the word rows'
 *                              # entries have this root mean square; zero rows stay zero (default: N(0, 1) or the
 *                              # vectors' own scale; not with embeddings)
 *   attention_dim: 100         # rnn, additive: size of the tanh layer (default: half the encoder output, J&amp;W)
 *   dropout: 0.44              # rnn: dropout on the word embeddings while training (default 0)
 * training:
 *   epochs: 3
 *   batch_size: 32
 *   learning_rate: 5.0e-5
 *   weight_decay: 0.01
 *   seed: 1
 *   max_length: 64             # tokens, specials included
 *   max_train_examples: 0      # 0 = all
 *   max_dev_examples: 0        # dev examples evaluated after each epoch; 0 = all
 *   time_budget_minutes: 0     # 0 = none
 *   selection: dev-auc         # dev-accuracy (default) | dev-auc | train-loss (lowest): the score that picks the saved epoch
 *   first_eligible_epoch: 2    # default 1; Jain &amp; Wallace never keep epoch 1
 *   attention_weight_decay: 0  # rnn: decay of the attention parameters (default: weight_decay)
 *   pos_weight: balanced       # rnn, two labels: weight the second label's loss by negatives/positives
 *   loss_reduction: sum        # rnn: mean (default) | sum over the batch (Jain &amp; Wallace)
 *   batching: length-sorted    # windowed (default: length-sorted within random windows of 50 batches) |
 *                              # length-sorted (the whole set by length +-10% noise, Jain &amp; Wallace's trainer)
 * </pre>
 *
 * <p>The keys added after the first release ({@code embeddings}, {@code tokenizer} ... {@code batching})
 * are left out of the JSON, and so of the spec hash, when unset: older specs keep their identity and
 * their trained models. For {@code cnn}, {@code hidden_size} is the number of filters per kernel width
 * (default 32, Jain &amp; Wallace's 128 // 4).
 */
public record TrainingSpec(String name, String dataset, ModelSection model, TrainingSection training) {

    public TrainingSpec {
        require(name != null && name.matches(Names.DIRECTORY), "name", Names.EXPECTED + ", got " + name);
        require(dataset != null && !dataset.isBlank(), "dataset", "a dataset name is required");
        require(model != null, "model", "the model section is required");
        require(training != null, "training", "the training section is required");
        require(model.kind().equals("rnn") || (training.attentionWeightDecay() == null && training.posWeight() == null
                && training.lossReduction() == null), "training",
                "attention_weight_decay, pos_weight and loss_reduction apply to model kind rnn only");
    }

    /** The model section; which keys apply depends on {@code kind}. */
    public record ModelSection(String kind, String base, String pooling, String trainable, String encoder,
                               String attention, Integer embeddingDim, Integer hiddenSize, Integer minCount,
                               // Left out of the JSON (and so of the spec hash) when unset: specs written
                               // before this option keep their identity and their trained models.
                               @JsonInclude(JsonInclude.Include.NON_NULL) String embeddings,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String tokenizer,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer minDocuments,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String output,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String wordVectors,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer attentionDim,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Double dropout,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Double embeddingScale) {

        public ModelSection {
            require("transformer".equals(kind) || "rnn".equals(kind), "model.kind", "transformer or rnn, got " + kind);
            if (kind.equals("transformer")) {
                require(base != null, "model.base", "required for a transformer (minilm, bge-small, e5-small or a directory)");
                pooling = pooling == null ? "cls-pooler" : pooling;
                require(pooling.equals("cls-pooler") || pooling.equals("mean"), "model.pooling", "cls-pooler or mean, got " + pooling);
                trainable = trainable == null ? "top-2" : trainable;
                require(trainable.matches("head|all|top-[0-9]+"), "model.trainable", "head, top-K or all, got " + trainable);
                require(encoder == null && attention == null && embeddingDim == null && hiddenSize == null && minCount == null
                        && embeddings == null && tokenizer == null && minDocuments == null && output == null
                        && wordVectors == null && attentionDim == null && dropout == null && embeddingScale == null, "model",
                        "encoder, attention, embedding_dim, hidden_size, min_count, embeddings, tokenizer, min_documents, "
                                + "output, word_vectors, attention_dim, dropout and embedding_scale apply to kind rnn only");
            } else {
                require(encoder != null && encoder.matches("bilstm|bigru|cnn|average|none"), "model.encoder",
                        "bilstm, bigru, cnn, average or none, got " + encoder);
                require(attention != null && attention.matches("additive|dot|uniform"), "model.attention",
                        "additive, dot or uniform, got " + attention);
                require(base == null && pooling == null && trainable == null, "model",
                        "base, pooling and trainable apply to kind transformer only");
                // embedding_dim and hidden_size stay null unless given: the encoder's paper defaults apply.
                minCount = minCount == null ? 5 : minCount;
                require((embeddingDim == null || embeddingDim > 0) && (hiddenSize == null || hiddenSize > 0) && minCount > 0
                        && (minDocuments == null || minDocuments > 0),
                        "model", "embedding_dim, hidden_size, min_count, min_documents must be > 0");
                require(tokenizer == null || tokenizer.matches("regex|keras"), "model.tokenizer", "regex or keras, got " + tokenizer);
                require(output == null || output.matches("softmax|sigmoid"), "model.output", "softmax or sigmoid, got " + output);
                require(attentionDim == null || (attentionDim > 0 && attention.equals("additive")), "model.attention_dim",
                        "> 0, for additive attention only, got " + attentionDim);
                require(dropout == null || (dropout >= 0 && dropout < 1), "model.dropout", "in [0, 1), got " + dropout);
                require(wordVectors == null || (embeddings == null && !wordVectors.isBlank()), "model.word_vectors",
                        "skipgram, a catalog transformer or a word-vector file, and not together with embeddings");
                require(embeddingScale == null || (embeddingScale > 0 && !embeddingScale.isInfinite() && embeddings == null),
                        "model.embedding_scale", "a finite number > 0, and not together with embeddings (which start at "
                                + "unit variance), got " + embeddingScale);
            }
        }
    }

    /** Loop settings. */
    public record TrainingSection(int epochs, int batchSize, double learningRate, double weightDecay, long seed,
                                  int maxLength, int maxTrainExamples, int maxDevExamples, double timeBudgetMinutes,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String selection,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer firstEligibleEpoch,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Double attentionWeightDecay,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String posWeight,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String lossReduction,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String batching) {

        public TrainingSection {
            require(epochs >= 1, "training.epochs", "must be >= 1, got " + epochs);
            require(batchSize >= 1, "training.batch_size", "must be >= 1, got " + batchSize);
            require(learningRate > 0, "training.learning_rate", "must be > 0, got " + learningRate);
            require(weightDecay >= 0, "training.weight_decay", "must be >= 0, got " + weightDecay);
            require(maxLength >= 3, "training.max_length", "must be >= 3, got " + maxLength);
            require(maxTrainExamples >= 0, "training.max_train_examples", "must be >= 0, got " + maxTrainExamples);
            require(maxDevExamples >= 0, "training.max_dev_examples", "must be >= 0, got " + maxDevExamples);
            require(timeBudgetMinutes >= 0, "training.time_budget_minutes", "must be >= 0, got " + timeBudgetMinutes);
            require(selection == null || selection.matches("dev-accuracy|dev-auc|train-loss"), "training.selection",
                    "dev-accuracy, dev-auc or train-loss, got " + selection);
            require(firstEligibleEpoch == null || (firstEligibleEpoch >= 1 && firstEligibleEpoch <= epochs),
                    "training.first_eligible_epoch", "must be in 1..epochs (" + epochs + "), got " + firstEligibleEpoch);
            require(attentionWeightDecay == null || attentionWeightDecay >= 0, "training.attention_weight_decay",
                    "must be >= 0, got " + attentionWeightDecay);
            require(posWeight == null || posWeight.equals("balanced"), "training.pos_weight", "balanced, got " + posWeight);
            require(lossReduction == null || lossReduction.matches("mean|sum"), "training.loss_reduction",
                    "mean or sum, got " + lossReduction);
            require(batching == null || batching.matches("windowed|length-sorted"), "training.batching",
                    "windowed or length-sorted, got " + batching);
        }

        /** This section with another seed. */
        public TrainingSection withSeed(long newSeed) {
            return new TrainingSection(epochs, batchSize, learningRate, weightDecay, newSeed, maxLength, maxTrainExamples,
                    maxDevExamples, timeBudgetMinutes, selection, firstEligibleEpoch, attentionWeightDecay, posWeight,
                    lossReduction, batching);
        }

        /** This section with another checkpoint selection ({@code null} first epoch: the default). */
        public TrainingSection withSelection(String newSelection, Integer newFirstEligibleEpoch) {
            return new TrainingSection(epochs, batchSize, learningRate, weightDecay, seed, maxLength, maxTrainExamples,
                    maxDevExamples, timeBudgetMinutes, newSelection, newFirstEligibleEpoch, attentionWeightDecay, posWeight,
                    lossReduction, batching);
        }

        /** The batching, {@code windowed} unless set. */
        public String batchingOrDefault() {
            return batching == null ? "windowed" : batching;
        }

        /** The selection, {@code dev-accuracy} unless set. */
        public String selectionOrDefault() {
            return selection == null ? "dev-accuracy" : selection;
        }

        /** The first eligible epoch, 1 unless set. */
        public int firstEligibleEpochOrDefault() {
            return firstEligibleEpoch == null ? 1 : firstEligibleEpoch;
        }
    }

    private static void require(boolean ok, String key, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + expected);
        }
    }
}
