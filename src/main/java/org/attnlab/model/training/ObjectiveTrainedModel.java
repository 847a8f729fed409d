package org.attnlab.model.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.RnnObjective;

/**
 * An RNN attention model as {@link ModelTrainer} sees it when it trains toward an {@link RnnObjective} other than
 * cross-entropy, or must be scored with another model's attention imposed (Wiegreffe &amp; Pinter's diagnostics,
 * whose saved model pools uniformly until an edit imposes alpha): {@link #trainStep} uses the objective, and with
 * {@code imposedAlpha} set the plain {@link #forward} pools with it, so dev selection and test scores measure the
 * model as it was trained. Everything else, saving included, is the wrapped model's.
 */
final class ObjectiveTrainedModel implements TrainableModel {

    private final DjlRnnAttentionModel model;
    private final RnnObjective objective;
    private final Function<List<TokenizedText>, double[][]> imposedAlpha;

    private ObjectiveTrainedModel(DjlRnnAttentionModel model, RnnObjective objective,
                                  Function<List<TokenizedText>, double[][]> imposedAlpha) {
        this.model = model;
        this.objective = objective;
        this.imposedAlpha = imposedAlpha;
    }

    /** {@code model} trained toward {@code objective}; {@code imposedAlpha} null = forwards use its own alpha. */
    static ObjectiveTrainedModel training(DjlRnnAttentionModel model, RnnObjective objective,
                                          Function<List<TokenizedText>, double[][]> imposedAlpha) {
        return new ObjectiveTrainedModel(model, objective, imposedAlpha);
    }

    /** A saved model scored with {@code imposedAlpha} (null = its own alpha). */
    static ClassifierModel scoring(DjlRnnAttentionModel saved, Function<List<TokenizedText>, double[][]> imposedAlpha) {
        return new ObjectiveTrainedModel(saved, RnnObjective.crossEntropy(), imposedAlpha);
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        return model.tokenize(text, truncate);
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        if (imposedAlpha == null) {
            return model.forward(inputs, options);
        }
        double[][] alphas = imposedAlpha.apply(inputs);
        List<ForwardResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < alphas.length; i++) {
            List<AttentionEdit> impose = List.of(new AttentionEdit.Replace(0, 0, new double[][] {alphas[i]}));
            out.add(model.forwardEdited(inputs.get(i), List.of(impose), options).get(0));
        }
        return out;
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                             ForwardOptions options) {
        return model.forwardEdited(input, editSets, options);
    }

    @Override
    public Gradients gradients(TokenizedText input, GradientRequest request) {
        return model.gradients(input, request);
    }

    @Override
    public double trainStep(List<TokenizedText> inputs, int[] labels) {
        return model.trainStep(inputs, labels, objective);
    }

    @Override
    public void save(Path dir) {
        model.save(dir);
    }

    @Override
    public void close() {
        model.close();
    }
}
