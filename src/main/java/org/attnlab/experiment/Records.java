package org.attnlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attnlab.io.Json;
import org.attnlab.io.JsonLines;

/**
 * The records files of a run, {@code records/<experiment>.jsonl}: one JSON object per line with the
 * {@link InstanceRecord} fields, {@code qualifies}, and (when it qualifies) the experiment's result
 * fields beside them (docs/records.md). Read back typed: a field the result record does not have is
 * an error naming the file, so a renamed result field cannot be read silently as missing.
 */
public final class Records {

    private static final String QUALIFIES = "qualifies";

    /** The snake_case names of the common fields, the rest of a line belongs to the result. */
    private static final Set<String> COMMON = Stream.concat(
            Stream.of(InstanceRecord.class.getRecordComponents()).map(RecordComponent::getName)
                    .map(n -> ((com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase)
                            com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).translate(n)),
            Stream.of(QUALIFIES)).collect(Collectors.toUnmodifiableSet());

    private Records() {
    }

    public static Path file(Path runDir, ExperimentType<?, ?, ?> type) {
        return runDir.resolve("records").resolve(type.id() + ".jsonl");
    }

    /** One line's JSON: the common fields, {@code qualifies}, and the result's fields. */
    public static ObjectNode encode(InstanceRecord common, Object result) {
        ObjectNode node = Json.MAPPER.valueToTree(common);
        node.put(QUALIFIES, result != null);
        if (result != null) {
            ObjectNode fields = Json.MAPPER.valueToTree(result);
            fields.fieldNames().forEachRemaining(f -> {
                if (COMMON.contains(f)) {
                    throw new IllegalStateException(result.getClass().getName() + " has a field '" + f
                            + "' that every record already has");
                }
            });
            node.setAll(fields);
        }
        return node;
    }

    /** Every record of the type in the run, in file order (a torn last line is left out, see {@link JsonLines}). */
    public static <R> List<ResultRecord<R>> read(Path runDir, ExperimentType<?, R, ?> type) {
        Path file = file(runDir, type);
        List<ResultRecord<R>> out = new ArrayList<>();
        int n = 0;
        for (JsonNode line : JsonLines.read(file).lines()) {
            n++;
            out.add(decode(line, type.resultType(), file, n));
        }
        return out;
    }

    static <R> ResultRecord<R> decode(JsonNode line, Class<R> resultType, Path file, int n) {
        ObjectNode common = Json.MAPPER.createObjectNode();
        ObjectNode result = Json.MAPPER.createObjectNode();
        line.fields().forEachRemaining(f -> (COMMON.contains(f.getKey()) ? common : result).set(f.getKey(), f.getValue()));
        common.remove(QUALIFIES);
        try {
            InstanceRecord instance = Json.MAPPER.treeToValue(common, InstanceRecord.class);
            R r = line.path(QUALIFIES).asBoolean() ? Json.MAPPER.treeToValue(result, resultType) : null;
            return new ResultRecord<>(instance, r);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(file + ": record " + n + ": not a " + resultType.getSimpleName()
                    + " record of this attnlab version (" + why.lines().findFirst().orElse("") + ")", e);
        }
    }
}
