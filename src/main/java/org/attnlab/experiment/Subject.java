package org.attnlab.experiment;

import java.util.List;
import java.util.function.Supplier;
import org.attnlab.data.Example;
import org.attnlab.model.ClassifierModel;

/**
 * One model and the instances it is analysed on.
 *
 * @param model     the model's name in records
 * @param loader    opens the model (only called when some instance is still to do)
 * @param labels    the dataset's labels in the model's output order
 * @param instances the sampled examples
 * @param maxLength inputs are cut to this many tokens
 */
public record Subject(String model, Supplier<ClassifierModel> loader, List<String> labels, List<Example> instances,
                      int maxLength) {

    public Subject {
        labels = List.copyOf(labels);
        instances = List.copyOf(instances);
    }
}
