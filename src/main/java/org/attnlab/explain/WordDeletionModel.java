package org.attnlab.explain;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.ExternalDatasetProvenance;
import org.tribuo.interop.ExternalTrainerProvenance;
import org.tribuo.provenance.ModelProvenance;

/**
 * One input's classifier as the Tribuo {@code Model<Label>} LIME explains. Its features are LIME's
 * interpretable ones: feature k ({@code "<word>@<k>"}, as {@code LIMEText} names them) is 1 when word k of the
 * input is present and 0 when it is deleted. A prediction deletes the absent words' tokens from the model's own
 * tokenisation and runs the model, so no text is re-tokenised and subword splits cannot change.
 *
 * <p>{@link #predict(Iterable)} hands all its examples to {@link ClassifierModel#forward(List, ForwardOptions)}
 * as one list, which the model runs in padded batches. Trained outside Tribuo, it carries Tribuo's external-model
 * provenance; it has no feature weights of its own and is never copied.
 */
final class WordDeletionModel extends Model<Label> {

    private static final LabelFactory LABELS = new LabelFactory();

    private final ClassifierModel model;
    private final Words words;
    private final String[] features;
    private final Map<String, Integer> wordByFeature;

    WordDeletionModel(ClassifierModel model, Words words) {
        super(model.info().name(), provenance(model, words), featureMap(names(words)), outputInfo(model), true);
        this.model = model;
        this.words = words;
        this.features = names(words);
        this.wordByFeature = new HashMap<>();
        for (int k = 0; k < features.length; k++) {
            wordByFeature.put(features[k], k);
        }
    }

    /** The interpretable-feature names, by word. */
    String[] features() {
        return features.clone();
    }

    /** The example with word k present iff {@code kept[k]}; every feature is set, absent ones to 0. */
    Example<Label> example(boolean[] kept) {
        double[] values = new double[features.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = kept[k] ? 1 : 0;
        }
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features, values);
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return innerPredict(List.of(example)).get(0);
    }

    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        List<TokenizedText> inputs = new ArrayList<>();
        List<Integer> present = new ArrayList<>();
        for (Example<Label> e : examples) {
            boolean[] kept = kept(e);
            list.add(e);
            inputs.add(words.keeping(kept));
            present.add(count(kept));
        }
        List<ForwardResult> out = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
        List<String> labels = model.info().labels();
        List<Prediction<Label>> predictions = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            double[] p = out.get(i).probabilities();
            Map<String, Label> scores = new LinkedHashMap<>();
            for (int c = 0; c < p.length; c++) {
                scores.put(labels.get(c), new Label(labels.get(c), p[c]));
            }
            Label best = scores.get(labels.get(out.get(i).predicted()));
            predictions.add(new Prediction<>(best, scores, present.get(i), list.get(i), true));
        }
        return predictions;
    }

    /** Which words {@code e} keeps (feature value not 0). */
    boolean[] kept(Example<Label> e) {
        boolean[] kept = new boolean[features.length];
        for (Feature f : e) {
            Integer k = wordByFeature.get(f.getName());
            if (k == null) {
                throw new IllegalArgumentException("feature " + f.getName() + " is not a word of this input");
            }
            kept[k] = f.getValue() != 0;
        }
        return kept;
    }

    private static int count(boolean[] kept) {
        int n = 0;
        for (boolean k : kept) {
            n += k ? 1 : 0;
        }
        return n;
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String newName, ModelProvenance newProvenance) {
        throw new UnsupportedOperationException("a view of one input for LIME; not copied");
    }

    private static String[] names(Words words) {
        String[] names = new String[words.count()];
        for (int k = 0; k < names.length; k++) {
            names[k] = words.text(k) + "@" + k;
        }
        return names;
    }

    private static ImmutableFeatureMap featureMap(String[] names) {
        MutableFeatureMap map = new MutableFeatureMap();
        for (String name : names) {
            map.add(name, 1);
        }
        return new ImmutableFeatureMap(map);
    }

    private static ImmutableOutputInfo<Label> outputInfo(ClassifierModel model) {
        MutableOutputInfo<Label> info = LABELS.generateInfo();
        model.info().labels().forEach(l -> info.observe(new Label(l)));
        return info.generateImmutableOutputInfo();
    }

    private static ModelProvenance provenance(ClassifierModel model, Words words) {
        String name = model.info().name();
        return new ModelProvenance(WordDeletionModel.class.getName(), OffsetDateTime.now(),
                new ExternalDatasetProvenance("attnlab word deletions of one input to " + name, LABELS, false,
                        words.count(), model.info().labels().size()),
                new ExternalTrainerProvenance(name.getBytes(StandardCharsets.UTF_8)));
    }
}
