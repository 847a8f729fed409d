package org.attnlab.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The project's JSON and YAML mappers, configured in this one place. attnlab's own files (records,
 * summaries, provenance, suites, specs, reports) use snake_case keys; files in other tools' formats
 * (Hugging Face {@code config.json}, tokenizers) are read as trees with {@link #PLAIN}, which binds no
 * names. Mappers are thread-safe once configured; never reconfigure these.
 */
public final class Json {

    /** snake_case, unknown keys rejected: records, summaries, provenance, training records, bench reports. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Field names as the Java names (camelCase): other tools' formats and attnlab files that predate snake_case. */
    public static final ObjectMapper PLAIN = new ObjectMapper();

    /** YAML suites and specs: snake_case, unknown keys and trailing documents rejected. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }
}
