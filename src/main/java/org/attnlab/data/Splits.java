package org.attnlab.data;

import java.util.List;

/**
 * Train, dev and test lists produced by a {@link StratifiedSplitter}. Immutable.
 */
public record Splits(List<Example> train, List<Example> dev, List<Example> test) {

    public Splits {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    /** The list for one split. */
    public List<Example> get(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        };
    }
}
