package org.attnlab.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded, stratified train/dev/test splitting that gives the same result in every run and JVM.
 *
 * <p>Algorithm (the contract that keeps published splits stable; change it and every split
 * changes): one {@link Random} seeded with {@code seed} (its sequence is fixed by the Java
 * specification). For each label in the order of the label list, the examples with that label are
 * sorted by id, shuffled by Fisher-Yates ({@code j = random.nextInt(i + 1)} for {@code i} from the
 * last index down to 1), and cut: the first {@code round(n * testFraction)} go to test, the next
 * {@code round(n * devFraction)} to dev, the rest to train ({@link Math#round}: halves round up).
 * Finally train, dev and test are each sorted by id and shuffled with the same generator, in that
 * order, so that no split is ordered by label. Nothing depends on hash order or input order.
 */
public final class StratifiedSplitter {

    private static final Comparator<Example> BY_ID = Comparator.comparing(Example::id);

    private final double devFraction;
    private final double testFraction;
    private final long seed;

    /**
     * @param devFraction  share of each label's examples that goes to dev, in [0, 1)
     * @param testFraction share of each label's examples that goes to test, in [0, 1)
     * @param seed         the random seed
     */
    public StratifiedSplitter(double devFraction, double testFraction, long seed) {
        if (!(devFraction >= 0 && testFraction >= 0 && devFraction + testFraction < 1)) {
            throw new IllegalArgumentException("dev fraction " + devFraction + " and test fraction "
                    + testFraction + " must be >= 0 and sum to less than 1");
        }
        this.devFraction = devFraction;
        this.testFraction = testFraction;
        this.seed = seed;
    }

    public double devFraction() {
        return devFraction;
    }

    public double testFraction() {
        return testFraction;
    }

    public long seed() {
        return seed;
    }

    /**
     * Splits examples into train, dev and test, stratified by label.
     *
     * @param examples examples with unique ids
     * @param labels   the label list; every example's label must be in it
     */
    public Splits split(List<Example> examples, List<String> labels) {
        checkIds(examples, labels);
        Random random = new Random(seed);
        List<Example> train = new ArrayList<>();
        List<Example> dev = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (String label : labels) {
            List<Example> group = ofLabel(examples, label);
            shuffle(group, random);
            int n = group.size();
            int nTest = (int) Math.round(n * testFraction);
            int nDev = (int) Math.round(n * devFraction);
            if (nTest + nDev > n) { // only possible through rounding on tiny groups
                nDev = n - nTest;
            }
            test.addAll(group.subList(0, nTest));
            dev.addAll(group.subList(nTest, nTest + nDev));
            train.addAll(group.subList(nTest + nDev, n));
        }
        return new Splits(reorder(train, random), reorder(dev, random), reorder(test, random));
    }

    /**
     * Keeps a given train/test split and carves dev out of train: each label's training examples
     * lose {@code round(n * devFraction)} to dev (the test fraction is not used). Same algorithm
     * as {@link #split} with test = the given test set, which is only reordered.
     *
     * @param train  the given training examples
     * @param test   the given test examples
     * @param labels the label list
     */
    public Splits carveDev(List<Example> train, List<Example> test, List<String> labels) {
        List<Example> both = new ArrayList<>(train);
        both.addAll(test);
        checkIds(both, labels);
        Random random = new Random(seed);
        List<Example> keep = new ArrayList<>();
        List<Example> dev = new ArrayList<>();
        for (String label : labels) {
            List<Example> group = ofLabel(train, label);
            shuffle(group, random);
            int nDev = (int) Math.round(group.size() * devFraction);
            dev.addAll(group.subList(0, nDev));
            keep.addAll(group.subList(nDev, group.size()));
        }
        return new Splits(reorder(keep, random), reorder(dev, random), reorder(new ArrayList<>(test), random));
    }

    private static List<Example> ofLabel(List<Example> examples, String label) {
        List<Example> group = new ArrayList<>();
        for (Example e : examples) {
            if (e.label().equals(label)) {
                group.add(e);
            }
        }
        group.sort(BY_ID);
        return group;
    }

    private static List<Example> reorder(List<Example> examples, Random random) {
        List<Example> out = new ArrayList<>(examples);
        out.sort(BY_ID);
        shuffle(out, random);
        return out;
    }

    /** Fisher-Yates, spelled out so that the sequence cannot change with the JDK's implementation. */
    private static void shuffle(List<Example> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Example tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    private static void checkIds(List<Example> examples, List<String> labels) {
        Set<String> known = Set.copyOf(labels);
        Set<String> ids = new HashSet<>();
        for (Example e : examples) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("duplicate example id " + e.id());
            }
            if (!known.contains(e.label())) {
                throw new IllegalArgumentException("example " + e.id() + " has label '" + e.label()
                        + "' not in " + labels);
            }
        }
    }

    /** A one-line description for provenance records. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "stratified by label, seed %d, dev %.2f, test %.2f (StratifiedSplitter)", seed, devFraction, testFraction);
    }
}
