package org.attnlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The RoBERTa, DistilBERT and ELECTRA classifiers of {@code src/test/resources/architectures/}, with the
 * outputs PyTorch computed for them (written by {@code scripts/make-architecture-fixtures.py}).
 */
public final class ArchitectureFixtures {

    public static final List<String> NAMES = List.of("roberta", "distilbert", "electra");

    private ArchitectureFixtures() {
    }

    /** The model directory of fixture {@code name}. */
    public static Path dir(String name) {
        try {
            return Path.of(ArchitectureFixtures.class.getResource("/architectures/" + name + "/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code expected.json}: {@code inputs[] = {text, tokens, ids, single, batch}}, each result {@code {logits, attentions, last_hidden}}. */
    public static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(dir(name).resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
