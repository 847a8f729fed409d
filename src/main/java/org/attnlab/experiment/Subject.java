package org.attnlab.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.attnlab.data.Example;
import org.attnlab.model.ClassifierModel;

/**
 * One model and the instances it is analysed on.
 *
 * @param model      the model's name in records
 * @param loader     opens the model (only called when some instance is still to do)
 * @param labels     the dataset's labels in the model's output order
 * @param instances  the sampled examples
 * @param maxLength  inputs are cut to this many tokens
 * @param companions role to how its companion model is opened (only when an experiment asks for it)
 */
public record Subject(String model, Supplier<ClassifierModel> loader, List<String> labels, List<Example> instances,
                      int maxLength, Map<String, Supplier<ClassifierModel>> companions) {

    public Subject {
        labels = List.copyOf(labels);
        instances = List.copyOf(instances);
        companions = Map.copyOf(companions);
    }

    /** A subject without companion models. */
    public Subject(String model, Supplier<ClassifierModel> loader, List<String> labels, List<Example> instances,
                   int maxLength) {
        this(model, loader, labels, instances, maxLength, Map.of());
    }
}
