package org.attnlab.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.attnlab.io.Json;

/**
 * Binds YAML files (or parts of them) to records: snake_case keys, unknown keys rejected, and every
 * failure reported as one {@link ConfigException} naming the file and the key path.
 */
public final class YamlFiles {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private YamlFiles() {
    }

    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file");
        }
        JsonNode tree;
        try {
            tree = Json.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(file + ": empty file");
        }
        return bind(tree, type, file, "");
    }

    /**
     * Binds {@code node}, found at key path {@code at} of {@code file} ("" for the whole file), to {@code type}.
     * Keys are checked against the records first: a record's constructor checks would otherwise run (on
     * defaults) before Jackson reports a misspelt key, hiding the real mistake.
     */
    public static <T> T bind(JsonNode node, Class<T> type, Path file, String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        try {
            checkKeys(node, type, at, file);
            T value = Json.YAML.treeToValue(node, type);
            if (value == null) {
                throw new ConfigException(file + ": " + (at.isEmpty() ? "" : at + ": ") + "empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": " + prefix + path(e) + ": unknown key; expected one of "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException) { // a record's own check: its message names the key
                throw new ConfigException(file + ": " + prefix + root.getMessage(), e);
            }
            String where = (prefix + path(e));
            throw new ConfigException(file + ": " + (where.isEmpty() ? "" : where.replaceAll("\\.$", "") + ": ")
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + at + ": " + e.getMessage(), e);
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

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
