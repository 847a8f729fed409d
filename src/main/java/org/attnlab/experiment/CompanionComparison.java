package org.attnlab.experiment;

import java.util.List;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;

/**
 * The shape of Wiegreffe &amp; Pinter's experiments that compare the subject with companion models on the suite's
 * attention view (uniform baseline, seed variance, consistent adversaries): the subject's attention is the record's
 * one measure, an instance needs its companions, and a companion is compared through {@link ModelDistance}.
 */
abstract class CompanionComparison<R> implements Experiment<R> {

    private final AttentionView view;

    CompanionComparison(AttentionView view) {
        this.view = view;
    }

    @Override
    public final List<ImportanceMeasure> measures() {
        return List.of(new AttentionMeasure(view));
    }

    /** Without companions there is nothing to compare: the suite always hands them over. */
    @Override
    public final R run(Instance x) {
        return run(x, Companions.NONE);
    }

    @Override
    public abstract R run(Instance x, Companions companions);

    /** The companion's instance (same tokens as {@code x}) and its distance from the subject. */
    final Compared compare(Instance x, Companions companions, Companion companion) {
        Instance other = Companions.sameTokens(companions.model(companion.role()), x);
        return new Compared(other, ModelDistance.between(x, other, view));
    }

    /** A companion on the instance, and how far it is from the subject. */
    record Compared(Instance instance, ModelDistance distance) {
    }
}
