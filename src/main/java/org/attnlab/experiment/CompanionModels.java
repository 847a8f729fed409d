package org.attnlab.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.config.TrainingSpec;
import org.attnlab.model.training.WiegreffePinterModels;

/**
 * Trains (or reuses) the companion models of one subject after the subject itself, each through
 * {@link WiegreffePinterModels}, and fingerprints them for the run id.
 */
public final class CompanionModels {

    /**
     * A companion as prepared for one subject.
     *
     * @param companion   what it is
     * @param dir         its directory
     * @param fingerprint its files' hashes (part of the run id)
     */
    public record Prepared(Companion companion, Path dir, ModelFingerprint fingerprint) {
    }

    private CompanionModels() {
    }

    /**
     * Every companion of the subject trained from {@code spec} (read from {@code specFile}, or a seed variant of it)
     * into {@code baseDir}, in order (a diagnostic's source companion comes before it).
     */
    static List<Prepared> ensure(List<Companion> companions, TrainingSpec spec, Path specFile, Path baseDir,
                                 PrintWriter console) throws IOException {
        if (companions.isEmpty()) {
            return List.of();
        }
        Map<String, Path> dirs = new LinkedHashMap<>();
        List<Prepared> out = new ArrayList<>();
        for (Companion c : companions) {
            Path dir;
            if (c instanceof Companion.SeedVariant v) {
                dir = WiegreffePinterModels.ensureTrained(WiegreffePinterModels.withSeed(spec, v.seed()), specFile, console);
            } else if (c instanceof Companion.Uniform) {
                dir = WiegreffePinterModels.ensureTrained(WiegreffePinterModels.uniform(spec), specFile, console);
            } else if (c instanceof Companion.ConsistentAdversary a) {
                dir = WiegreffePinterModels.consistentAdversary(spec, specFile, baseDir, a.lambda(), console);
            } else if (c.equals(new Companion.Diagnostic(Companion.Diagnostic.TRAINED))) {
                dir = WiegreffePinterModels.trainedMlp(spec, specFile, console);
            } else {
                String source = ((Companion.Diagnostic) c).source();
                Path sourceDir = switch (source) {
                    case Companion.Diagnostic.UNIFORM -> null;
                    case Companion.Diagnostic.BASE -> baseDir;
                    default -> {
                        Path d = dirs.get(source);
                        if (d == null) {
                            throw new IllegalStateException(c.role() + ": its source " + source + " is not a companion listed before it");
                        }
                        yield d;
                    }
                };
                dir = WiegreffePinterModels.diagnostic(spec, specFile, source, sourceDir, console);
            }
            dirs.put(c.role(), dir);
            out.add(new Prepared(c, dir, ModelFingerprint.of(dir)));
        }
        return out;
    }
}
