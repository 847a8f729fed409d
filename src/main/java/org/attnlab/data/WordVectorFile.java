package org.attnlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads word vectors in the common text format of word2vec, GloVe and fastText ({@code .vec}): one word
 * per line followed by its values, separated by spaces ({@code word v1 ... vD}); an optional first line
 * of two integers ({@code count dimension}, as word2vec and fastText write) is a header. Every line is
 * checked (the same number of values everywhere, each a finite number); only the wanted words are kept,
 * so a large file costs one pass and little memory. The first occurrence of a word wins.
 */
public final class WordVectorFile {

    private WordVectorFile() {
    }

    /**
     * The vectors of {@code wanted} words found in {@code file}.
     *
     * @param dimension the number of values every line must have; 0 = whatever the header or first line says
     * @throws DatasetFormatException naming the file and line of the first malformed line or wrong dimension
     * @throws IOException            if the file cannot be read
     */
    public static Map<String, float[]> read(Path file, Set<String> wanted, int dimension) throws IOException {
        String name = file.toString();
        Map<String, float[]> out = new HashMap<>();
        int dim = dimension;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String[] parts = line.strip().split(" +");
                if (parts.length == 1 && parts[0].isEmpty()) {
                    continue;
                }
                if (number == 1 && parts.length == 2 && parts[0].matches("[0-9]+") && parts[1].matches("[0-9]+")) {
                    int declared = Integer.parseInt(parts[1]);
                    if (dim > 0 && declared != dim) {
                        throw new DatasetFormatException(name, number, "the header declares " + declared
                                + "-dimensional vectors, expected " + dim + " (model.embedding_dim)");
                    }
                    dim = declared;
                    continue;
                }
                if (parts.length < 2) {
                    throw new DatasetFormatException(name, number, "expected a word followed by its values, got \""
                            + abbreviate(line) + "\"");
                }
                int values = parts.length - 1;
                if (dim == 0) {
                    dim = values;
                } else if (values != dim) {
                    throw new DatasetFormatException(name, number, "\"" + abbreviate(parts[0]) + "\" has " + values
                            + " values, expected " + dim + (dimension > 0 ? " (model.embedding_dim)" : " (as the lines before)"));
                }
                float[] v = new float[dim];
                for (int k = 0; k < dim; k++) {
                    try {
                        v[k] = Float.parseFloat(parts[k + 1]);
                    } catch (NumberFormatException e) {
                        v[k] = Float.NaN;
                    }
                    if (!Float.isFinite(v[k])) {
                        throw new DatasetFormatException(name, number, "value " + (k + 1) + " of \"" + abbreviate(parts[0])
                                + "\" is not a finite number: \"" + abbreviate(parts[k + 1]) + "\"");
                    }
                }
                if (wanted.contains(parts[0])) {
                    out.putIfAbsent(parts[0], v);
                }
            }
            if (dim == 0) {
                throw new DatasetFormatException(name, 0, "no word vectors in the file");
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
