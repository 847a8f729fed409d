package org.attnlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.Example;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.NotApplicableException;

/**
 * The one code path that turns (model, instance) into records, shared by every engine (the local
 * {@link SuiteRunner} and distributed ones), so a record depends only on the model and the instance,
 * never on where it was computed.
 */
public final class InstanceRecords {

    private InstanceRecords() {
    }

    /**
     * The records of {@code ex} for {@code experiments}, in their order, each as the exact line (without
     * newline) a records file holds. The forward and gradients are computed once for all of them.
     *
     * @param companions the subject's companion models ({@link Companions#NONE} when no experiment reads any)
     * @param modelName  the model's name in records
     * @param labels     the dataset's labels in the model's output order
     * @param maxLength  inputs are cut to this many tokens
     */
    public static List<String> lines(ClassifierModel model, Companions companions, String modelName, List<String> labels,
                                     int maxLength, Example ex, List<PlannedExperiment> experiments) {
        Instance x = new Instance(model, ex.id(), model.tokenize(ex.text(), true).truncated(maxLength), labels.indexOf(ex.label()));
        return experiments.stream().map(e -> line(record(modelName, labels, ex, x, e.experiment(), companions))).toList();
    }

    static ObjectNode record(String modelName, List<String> labels, Example ex, Instance x, Experiment<?> e,
                             Companions companions) {
        Map<String, double[]> measures = new LinkedHashMap<>();
        for (ImportanceMeasure m : e.measures()) {
            try {
                measures.put(m.id(), x.importance(m).scores());
            } catch (NotApplicableException notForThisModel) {
                // e.g. ALTI on an RNN: left out of the record; the experiment records why, where it cares
            }
        }
        Object result = e.run(x, companions);
        InstanceRecord common = new InstanceRecord(modelName, ex.id(), ex.label(), labels.get(x.predicted()),
                x.probabilities(), x.input().tokens(), x.input().special(), measures);
        return Records.encode(common, result);
    }

    /** A record as the single line {@link RecordSink} writes. */
    static String line(com.fasterxml.jackson.databind.JsonNode record) {
        try {
            return Json.MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record not serialisable (" + e.getOriginalMessage() + ")", e);
        }
    }
}
