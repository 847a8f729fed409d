package org.attnlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The contents of a dense ARFF file (Weka's format): relation name, attributes and data rows.
 * Immutable.
 *
 * @param file       the file name, for error messages
 * @param relation   the {@code @relation} name
 * @param attributes the attributes in column order
 * @param rows       the data rows
 */
public record ArffData(String file, String relation, List<Attribute> attributes, List<Row> rows) {

    public ArffData {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relation, "relation");
        attributes = List.copyOf(attributes);
        rows = List.copyOf(rows);
    }

    /** The kind of an attribute. */
    public enum Type { STRING, NUMERIC, NOMINAL, DATE }

    /**
     * One {@code @attribute} declaration.
     *
     * @param name    attribute name (unquoted)
     * @param type    its type
     * @param nominal the allowed values of a nominal attribute in declaration order; empty otherwise
     */
    public record Attribute(String name, Type type, List<String> nominal) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            nominal = List.copyOf(nominal);
        }
    }

    /**
     * One data row.
     *
     * @param line   1-based line in the file
     * @param values one value per attribute, unquoted and unescaped; {@code null} for a missing
     *               value ({@code ?})
     */
    public record Row(long line, List<String> values) {
        public Row {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** The index of the attribute with this name. */
    public int indexOf(String attribute) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equals(attribute)) {
                return i;
            }
        }
        throw new DatasetFormatException(file, 0, "no attribute named '" + attribute + "'");
    }
}
