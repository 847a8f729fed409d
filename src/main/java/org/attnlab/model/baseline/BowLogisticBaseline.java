package org.attnlab.model.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Split;
import org.attnlab.model.training.ClassificationScores;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.data.text.impl.TextFeatureExtractorImpl;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.dataset.MinimumCardinalityDataset;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.util.tokens.Tokenizer;
import org.tribuo.util.tokens.universal.UniversalTokenizer;

/**
 * The bag-of-words logistic-regression baseline, entirely Tribuo: lower-cased text, Tribuo's
 * {@link UniversalTokenizer} (punctuation kept: "!" and "?" carry sentiment), a {@link TokenPipeline} of
 * binary unigram..n-gram features, optionally rare features dropped with {@link MinimumCardinalityDataset},
 * a {@link LinearSGDTrainer} with the {@link LogMulticlass} (softmax cross-entropy) objective and AdaGrad
 * (minibatch 1), and Tribuo's {@link LabelEvaluator} for accuracy, macro-F1 and AUC. See
 * {@link BowSettings#DEFAULT} for how the recipe was chosen.
 *
 * <p>Deterministic: the SGD example order comes from {@link BowSettings#seed()} and a fresh trainer is
 * made for each fit, so the same settings on the same examples give the same model and scores.
 * Not thread-safe (Tribuo's tokenizer keeps state).
 */
public final class BowLogisticBaseline {

    /**
     * A feature every text has. Tribuo refuses to predict an example none of whose features were seen in
     * training (a short test sentence of unseen words); this keeps every example predictable (it acts as a
     * second bias term, harmless beside Tribuo's own). The name cannot collide with n-gram features ("1-N=...").
     */
    static final String CONSTANT_FEATURE = "attnlab:constant";

    /** Logged after this many examples: effectively never (Tribuo's progress lines would clutter stderr). */
    private static final int LOGGING_INTERVAL = Integer.MAX_VALUE;

    /**
     * Tribuo reports every training run at INFO on java.util.logging (stderr), which would interleave with
     * the command's output. Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final Logger TRIBUO_LOG = quiet(Logger.getLogger("org.tribuo"));

    private final BowSettings settings;
    private final LabelFactory factory = new LabelFactory();

    public BowLogisticBaseline(BowSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public BowSettings settings() {
        return settings;
    }

    /** Trains on {@code data}'s train split and scores on {@code split} (dev or test). */
    public ClassificationScores trainAndScore(Dataset data, Split split) {
        return fit(data.labels(), data.train()).score(data.split(split));
    }

    /**
     * Trains on {@code train}.
     *
     * @param labels the label list, in id order; binary AUC is that of the second label, as in
     *               {@link org.attnlab.model.training.TribuoScorer}
     * @throws IllegalArgumentException no training examples, or fewer than two labels
     */
    public Trained fit(List<String> labels, List<Example> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels, got " + labels);
        }
        TextFeatureExtractorImpl<Label> extractor = extractor();
        MutableDataset<Label> dataset = toDataset(extractor, train, "train");
        org.tribuo.Dataset<Label> kept = settings.minCount() > 1
                ? new MinimumCardinalityDataset<>(dataset, settings.minCount()) : dataset;
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), LOGGING_INTERVAL, 1, settings.seed());
        return new Trained(List.copyOf(labels), extractor, trainer.train(kept));
    }

    /** Mean number of tokens (words and punctuation) per text, as the baseline's tokenizer counts them. */
    public static double meanWords(List<Example> examples) {
        Tokenizer tokenizer = tokenizer();
        long words = 0;
        for (Example e : examples) {
            words += tokenizer.split(e.text()).size();
        }
        return examples.isEmpty() ? 0 : words / (double) examples.size();
    }

    /** A fitted baseline. */
    public final class Trained {
        private final List<String> labels;
        private final TextFeatureExtractorImpl<Label> extractor;
        private final Model<Label> model;

        private Trained(List<String> labels, TextFeatureExtractorImpl<Label> extractor, Model<Label> model) {
            this.labels = labels;
            this.extractor = extractor;
            this.model = model;
        }

        /** The underlying Tribuo model. */
        public Model<Label> model() {
            return model;
        }

        /** Accuracy, macro-F1 and AUC on {@code examples}, computed by Tribuo's {@link LabelEvaluator}. */
        public ClassificationScores score(List<Example> examples) {
            return scores(evaluation(examples));
        }

        /**
         * Accuracy, macro-F1, AUC and per-label F1 from an {@link #evaluation}: binary AUC is that of the second label,
         * multiclass AUC the unweighted mean over labels, as {@link org.attnlab.model.training.TribuoScorer}
         * computes them for the DJL models.
         */
        public ClassificationScores scores(LabelEvaluation ev) {
            double auc = labels.size() == 2 ? ev.AUCROC(new Label(labels.get(1))) : ev.averageAUCROC(false);
            java.util.Map<String, Double> f1 = new java.util.LinkedHashMap<>();
            for (String label : labels) {
                f1.put(label, ev.f1(new Label(label)));
            }
            return new ClassificationScores(ev.getPredictions().size(), ev.accuracy(), ev.macroAveragedF1(), auc, f1);
        }

        /** Tribuo's full evaluation on {@code examples} (per-label precision, recall, F1, confusion matrix). */
        public LabelEvaluation evaluation(List<Example> examples) {
            if (examples.isEmpty()) {
                throw new IllegalArgumentException("no examples to score");
            }
            for (Example e : examples) {
                if (!labels.contains(e.label())) {
                    throw new IllegalArgumentException("example " + e.id() + " has label '" + e.label()
                            + "' not in " + labels);
                }
            }
            return new LabelEvaluator().evaluate(model, toDataset(extractor, examples, "eval"));
        }
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private TextFeatureExtractorImpl<Label> extractor() {
        return new TextFeatureExtractorImpl<>(new TokenPipeline(tokenizer(), settings.ngram(), false));
    }

    private static Tokenizer tokenizer() {
        return new UniversalTokenizer(true);
    }

    private MutableDataset<Label> toDataset(TextFeatureExtractorImpl<Label> extractor, List<Example> examples,
                                            String what) {
        MutableDataset<Label> out = new MutableDataset<>(
                new SimpleDataSourceProvenance("attnlab " + what + " examples", factory), factory);
        List<org.tribuo.Example<Label>> converted = new ArrayList<>(examples.size());
        for (Example e : examples) {
            // Lower-cased: "Great" and "great" are one feature; with 700-example training sets every split
            // of the counts hurts.
            org.tribuo.Example<Label> x = extractor.extract(new Label(e.label()), e.text().toLowerCase(Locale.ROOT));
            x.add(new Feature(CONSTANT_FEATURE, 1.0));
            converted.add(x);
        }
        out.addAll(converted);
        return out;
    }
}
