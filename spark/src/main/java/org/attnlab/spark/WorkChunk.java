package org.attnlab.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One Spark task's work: consecutive pending instances of one model, with everything an executor needs to
 * make their records without the suite file (the experiments travel as their type ids and resolved settings).
 *
 * @param name        the part's name (unique in the run, sortable: model index then chunk index)
 * @param runDir      the run directory (on a filesystem every node sees), where the part goes
 * @param model       the model's name in records
 * @param modelDir    its directory (on a filesystem every node sees)
 * @param labels      the dataset's labels in the model's output order
 * @param maxLength   inputs are cut to this many tokens
 * @param experiments every experiment of the suite, in suite order
 * @param view        the attention view: layer, head, row
 * @param seed        the suite seed
 * @param items       the instances, in sample order
 * @param companionDirs role to the directory of each companion model the experiments read (on a filesystem every node sees)
 */
public record WorkChunk(String name, String runDir, String model, String modelDir, List<String> labels, int maxLength,
                        List<ExperimentRecipe> experiments, int[] view, long seed, List<Item> items,
                        Map<String, String> companionDirs) implements Serializable {

    public WorkChunk {
        companionDirs = new java.util.LinkedHashMap<>(companionDirs);
    }

    /** An experiment as the suite resolved it: type id and settings as JSON. */
    public record ExperimentRecipe(String type, String settingsJson) implements Serializable {
    }

    /**
     * One instance and the experiment type ids it still misses.
     */
    public record Item(String id, String text, String label, List<String> missing) implements Serializable {
    }
}
