package org.attnlab.experiment;

import java.util.List;
import java.util.Map;

/**
 * The fields every record has, whatever the experiment: enough to recompute any statistic outside
 * attnlab. Experiment results are added beside them (see docs/records.md).
 *
 * @param model         model name
 * @param id            instance id in the dataset
 * @param label         gold label
 * @param predicted     predicted label
 * @param probabilities class probabilities in label order
 * @param tokens        the model's tokens, special ones included
 * @param special       per token, whether it is a special token (excluded from analyses)
 * @param measures      measure id to one score per token
 */
public record InstanceRecord(String model, String id, String label, String predicted, double[] probabilities,
                             List<String> tokens, boolean[] special, Map<String, double[]> measures) {
}
