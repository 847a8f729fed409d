package org.attnlab.explain;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.SparseModel;
import org.tribuo.classification.Label;
import org.tribuo.classification.explanations.lime.LIMEBase;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.slm.SLMTrainer;

/**
 * LIME (Ribeiro et al. 2016) over word deletions, on Tribuo's LIME: {@link LIMEBase} checks the explained model
 * and the surrogate trainer, turns each prediction into its class-probability target ({@code transformOutput}) and
 * fits the surrogate ({@code trainExplainer}); this subclass replaces only the sampling.
 *
 * <p>Not {@code LIMEText}: it tokenises the raw text with a Tribuo tokenizer, blanks characters and re-extracts
 * features, so its words are not the model's tokens (there is no way back to token positions, and subword splits
 * can change), and it predicts one sample at a time. Not {@code LIMEBase}'s own sampling either: it is tabular,
 * drawing feature values from training-set statistics. The sampling here is {@code LIMEText}'s on the model's own
 * words: each present word kept with probability 1/2, a sample with no word left skipped (LIMEText skips the
 * empty text), weight {@code 1 - deleted / present}; the explained input joins with weight 1. All samples reach
 * the model as one batched predict.
 *
 * <p>Surrogate: {@code SLMTrainer(false)} selecting every word, i.e. weighted least squares with an intercept.
 * Two Tribuo 4.3.2 defects shape this. {@code LARSLassoTrainer} (like any normalising {@code SLMTrainer}) centres
 * the columns after scaling the rows by the square root of the example weight, which loses the intercept when the
 * weights differ: on LimeMeasureTest's model, exactly linear in the words, it returns 0.174 for a word whose effect
 * is 0.12 and 0.055 for one whose effect is 0 (this class: both exact to 1e-15). {@code SLMTrainer(false)} fits the
 * intercept correctly but selects at most as many columns as there are features, the intercept counting as one,
 * so the word least correlated with the residual would be left out; the always-zero {@link #PAD} feature raises
 * the limit by one and, uncorrelated with everything, is the one left out.
 */
final class WordLime extends LIMEBase {

    /** The always-zero feature that lets {@code SLMTrainer} select every word as well as the intercept. */
    static final String PAD = "attnlab:pad";

    private static final Logger LOG = LoggerFactory.getLogger(WordLime.class);

    private final WordDeletionModel model;

    WordLime(SplittableRandom rng, WordDeletionModel model, int samples) {
        super(rng, model, new SLMTrainer(false), samples);
        this.model = model;
    }

    /**
     * LIME's effect of each word on the probability of {@code label} for the whole input: the surrogate's output
     * for the input minus its output with that word alone deleted, i.e. the word's coefficient.
     */
    double[] effects(String label) {
        boolean[] all = new boolean[model.features().length];
        Arrays.fill(all, true);
        LIMEExplanation explanation = explain(model.example(all));
        SparseModel<Regressor> surrogate = explanation.getModel();
        LOG.debug("LIME surrogate over {} words: weighted R^2 {}", all.length, explanation.getEvaluation().averageR2());
        double whole = surrogate(surrogate, all, label);
        double[] effects = new double[all.length];
        for (int k = 0; k < all.length; k++) {
            all[k] = false;
            effects[k] = whole - surrogate(surrogate, all, label);
            all[k] = true;
        }
        return effects;
    }

    private double surrogate(SparseModel<Regressor> surrogate, boolean[] kept, String label) {
        Example<Regressor> x = regression(regressionFactory.getUnknownOutput(), model.example(kept), 1);
        return surrogate.predict(x).getOutput().getDimension(label).orElseThrow().getValue();
    }

    @Override
    protected Pair<LIMEExplanation, List<Example<Regressor>>> explainWithSamples(Example<Label> example) {
        boolean[] present = model.kept(example);
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        Random innerRng = new Random(rng.nextLong());
        List<Example<Label>> perturbed = new ArrayList<>(numSamples + 1);
        List<Float> weights = new ArrayList<>(numSamples);
        perturbed.add(example);
        for (int i = 0; i < numSamples; i++) {
            boolean[] kept = new boolean[present.length];
            int deleted = 0;
            for (int k = 0; k < kept.length; k++) {
                kept[k] = present[k] && innerRng.nextInt(2) == 1;
                deleted += present[k] && !kept[k] ? 1 : 0;
            }
            if (deleted < count) {
                perturbed.add(model.example(kept));
                weights.add(1f - (float) deleted / count);
            }
        }
        List<Prediction<Label>> predictions = innerModel.predict(perturbed);
        List<Example<Regressor>> samples = new ArrayList<>(perturbed.size() - 1);
        for (int i = 1; i < perturbed.size(); i++) {
            samples.add(regression(transformOutput(predictions.get(i)), perturbed.get(i), weights.get(i - 1)));
        }
        Example<Regressor> target = regression(transformOutput(predictions.get(0)), example, 1);
        SparseModel<Regressor> surrogate = trainExplainer(target, samples);
        List<Prediction<Regressor>> fitted = new ArrayList<>(surrogate.predict(samples));
        fitted.add(surrogate.predict(target));
        RegressionEvaluation evaluation = evaluator.evaluate(surrogate, fitted,
                new SimpleDataSourceProvenance("attnlab word-deletion samples", regressionFactory));
        return new Pair<>(new LIMEExplanation(surrogate, predictions.get(0), evaluation), samples);
    }

    /** {@code words} as a weighted regression example with target {@code output}, plus the {@link #PAD} feature. */
    private static Example<Regressor> regression(Regressor output, Example<Label> words, float weight) {
        ArrayExample<Regressor> x = new ArrayExample<>(output, words, weight);
        x.add(PAD, 0);
        return x;
    }
}
