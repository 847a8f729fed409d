package org.attnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a user's CSV/TSV/JSONL file as a {@link Dataset} according to a {@link UserDatasetSpec}.
 *
 * <p>Each record must have a non-empty text and a label; text is only trimmed. Labels are mapped
 * to ids by their position in the spec's label list, or, if the spec gives none, in the sorted
 * list of labels found. Without a split field the split is seeded and stratified 80/10/10 (see
 * {@link StratifiedSplitter}); with one, each record goes where its split field says, in file order.
 * Every problem raises a {@link DatasetFormatException} naming the file and line.
 */
public final class UserDatasetLoader {

    /** Share of each label going to dev when the file has no split field. */
    public static final double DEV = 0.10;
    /** Share of each label going to test when the file has no split field. */
    public static final double TEST = 0.10;

    private UserDatasetLoader() {
    }

    /** Loads with the default seed {@link DatasetCatalog#SPLIT_SEED}. */
    public static Dataset load(UserDatasetSpec spec) throws IOException {
        return load(spec, DatasetCatalog.SPLIT_SEED);
    }

    /** Loads with the given split seed (used only without a split field). */
    public static Dataset load(UserDatasetSpec spec, long seed) throws IOException {
        String file = spec.path().toString();
        List<SourceRecord> records;
        try (InputStream in = Files.newInputStream(spec.path())) {
            records = switch (spec.format()) {
                case CSV -> DelimitedReader.csv().read(in, file);
                case TSV -> DelimitedReader.tsv().read(in, file);
                case JSONL -> JsonRecordReader.readJsonLines(in, file);
            };
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        if (records.isEmpty()) {
            throw new DatasetFormatException(file, 0, "no records");
        }
        List<Example> examples = new ArrayList<>();
        Map<Split, List<Example>> given = new EnumMap<>(Split.class);
        Map<String, Long> idLines = new HashMap<>();
        TreeSet<String> found = new TreeSet<>();
        for (SourceRecord r : records) {
            String text = r.require(spec.textField()).strip();
            if (text.isEmpty()) {
                throw r.error("empty text in field '" + spec.textField() + "'");
            }
            String label = r.require(spec.labelField()).strip();
            if (label.isEmpty()) {
                throw r.error("empty label in field '" + spec.labelField() + "'");
            }
            if (!spec.labels().isEmpty() && !spec.labels().contains(label)) {
                throw r.error("unknown label '" + label + "' in field '" + spec.labelField()
                        + "' (allowed: " + String.join(", ", spec.labels()) + ")");
            }
            found.add(label);
            String id = spec.idField() == null
                    ? String.format(Locale.ROOT, "line-%07d", r.line())
                    : r.require(spec.idField()).strip();
            if (id.isEmpty()) {
                throw r.error("empty id in field '" + spec.idField() + "'");
            }
            Long earlier = idLines.putIfAbsent(id, r.line());
            if (earlier != null) {
                throw r.error("duplicate id '" + id + "' (first on line " + earlier + ")");
            }
            Example e = new Example(id, text, label);
            examples.add(e);
            if (spec.splitField() != null) {
                Split split;
                try {
                    split = Split.parse(r.require(spec.splitField()));
                } catch (DatasetFormatException ex) {
                    throw ex;
                } catch (IllegalArgumentException ex) {
                    throw r.error(ex.getMessage() + " in field '" + spec.splitField() + "'");
                }
                given.computeIfAbsent(split, k -> new ArrayList<>()).add(e);
            }
        }
        List<String> labels = spec.labels().isEmpty() ? List.copyOf(found) : spec.labels();
        Splits splits;
        String method;
        if (spec.splitField() == null) {
            StratifiedSplitter splitter = new StratifiedSplitter(DEV, TEST, seed);
            splits = splitter.split(examples, labels);
            method = splitter.describe() + " => 80/10/10";
        } else {
            splits = new Splits(given.getOrDefault(Split.TRAIN, List.of()), given.getOrDefault(Split.DEV, List.of()),
                    given.getOrDefault(Split.TEST, List.of()));
            method = "as given by field '" + spec.splitField() + "', in file order";
        }
        List<String> steps = List.of("text: field '" + spec.textField() + "', trimmed",
                "label: field '" + spec.labelField() + "', trimmed; ids by position in " + labels
                        + (spec.labels().isEmpty() ? " (labels found, sorted)" : " (as given)"));
        Provenance p = new Provenance(file, spec.path().getFileName().toString() + " ("
                + spec.format().name().toLowerCase(Locale.ROOT) + ")", Checksums.sha256(spec.path()),
                "unknown (user file)", "unknown (user file)", records.size(), 0, 0, steps, method);
        return new Dataset(spec.name(), labels, splits.train(), splits.dev(), splits.test(), p);
    }
}
