package org.attnlab.experiment;

import java.util.List;
import org.attnlab.model.ModelInfo;

/**
 * What every experiment's settings record can say about itself, so that the suite plan can check it
 * before any work: the importance measures it names, and whether its values fit a given model.
 */
public interface ExperimentSettings {

    /** The measure ids the settings name explicitly (pairs, rankers); none by default. */
    default List<String> namedMeasures() {
        return List.of();
    }

    /**
     * Throws {@link IllegalArgumentException} naming the key when a value does not fit {@code model}
     * (e.g. a layer it does not have). Called for every model of a suite before any work.
     */
    default void checkAgainst(ModelInfo model) {
    }
}
