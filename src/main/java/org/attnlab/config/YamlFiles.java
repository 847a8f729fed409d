package org.attnlab.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Binds YAML files to records: snake_case keys, unknown keys rejected, and every failure reported as
 * one {@link ConfigException} naming the file and the key path.
 */
public final class YamlFiles {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private YamlFiles() {
    }

    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file");
        }
        try {
            // Keys are checked against the records first: a record's constructor checks would otherwise
            // run (on defaults) before Jackson reports a misspelt key, hiding the real mistake.
            checkKeys(YAML.readTree(file.toFile()), type, "", file);
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new ConfigException(file + ": empty file");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": " + path(e) + ": unknown key; expected one of "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException) { // a record's own check: its message names the key
                throw new ConfigException(file + ": " + root.getMessage(), e);
            }
            throw new ConfigException(file + ": " + (path(e).isEmpty() ? "" : path(e) + ": ") + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static void checkKeys(JsonNode node, Type type, String path, Path file) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (node == null) {
            return;
        }
        if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType p && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", file);
            }
            return;
        }
        if (!raw.isRecord() || !node.isObject()) {
            return;
        }
        Map<String, RecordComponent> byKey = new TreeMap<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            byKey.put(SNAKE.translate(c.getName()), c);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            String here = path.isEmpty() ? key : path + "." + key;
            RecordComponent c = byKey.get(key);
            if (c == null) {
                throw new ConfigException(file + ": " + here + ": unknown key; expected one of " + String.join(", ", byKey.keySet()));
            }
            checkKeys(node.get(key), c.getGenericType(), here, file);
        }
    }

    /** The same mapper, for writing specs back out (e.g. into a training record). */
    public static ObjectMapper mapper() {
        return YAML;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
