package org.attnlab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A labelled text-classification dataset split into train, dev and test. Immutable.
 *
 * <p>Label ids are positions in {@link #labels()}: a model's output unit {@code i} stands for
 * {@code labels().get(i)}. The order of examples within a split is a seeded shuffle (stable across
 * runs), so any prefix of a split has both classes.
 *
 * @param name       the dataset's name, e.g. {@code imdb}
 * @param labels     the label strings in id order; distinct, at least one
 * @param train      training examples
 * @param dev        development (validation) examples
 * @param test       test examples
 * @param provenance source, license, checksum and preprocessing
 * @param testSplitOf the name of the dataset whose test split this one's test split is (same examples,
 *                    same order): its own name, or for a variant that changes only train and dev
 *                    ({@code imdb-jw-truncated}) the dataset it varies ({@code imdb-jw}). A suite draws
 *                    its test sample with this name, so both are analysed on the same examples.
 */
public record Dataset(String name, List<String> labels, List<Example> train, List<Example> dev,
                      List<Example> test, Provenance provenance, String testSplitOf) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(testSplitOf, "testSplitOf");
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(name + ": no labels");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException(name + ": duplicate label in " + labels);
        }
        Set<String> known = Set.copyOf(labels);
        Set<String> ids = new HashSet<>();
        for (List<Example> part : List.of(train, dev, test)) {
            for (Example e : part) {
                if (!known.contains(e.label())) {
                    throw new IllegalArgumentException(name + ": example " + e.id() + " has label '"
                            + e.label() + "' not in " + labels);
                }
                if (!ids.add(e.id())) {
                    throw new IllegalArgumentException(name + ": duplicate example id " + e.id());
                }
            }
        }
    }

    /** A dataset whose test split is its own. */
    public Dataset(String name, List<String> labels, List<Example> train, List<Example> dev,
                   List<Example> test, Provenance provenance) {
        this(name, labels, train, dev, test, provenance, name);
    }

    /** The examples of one split. */
    public List<Example> split(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        };
    }

    /** The id of a label (its index in {@link #labels()}). */
    public int labelId(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException(name + ": unknown label '" + label + "', expected one of " + labels);
        }
        return i;
    }

    /** The label string for an id. */
    public String label(int id) {
        return labels.get(id);
    }

    /** Total number of examples over the three splits. */
    public int size() {
        return train.size() + dev.size() + test.size();
    }

    /** All examples: train, then dev, then test. */
    public List<Example> all() {
        List<Example> out = new ArrayList<>(size());
        out.addAll(train);
        out.addAll(dev);
        out.addAll(test);
        return List.copyOf(out);
    }
}
