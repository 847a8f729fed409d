package org.attnlab.experiment;

import java.math.BigDecimal;
import org.attnlab.model.training.WiegreffePinterModels;

/**
 * A model an experiment type needs beside the subject model, derived from the subject's training spec (Wiegreffe
 * &amp; Pinter retrain the model they analyse: other seeds, frozen uniform attention, diagnostic MLPs, adversaries).
 * Its {@link #role()} names it in the {@link Companions} handed to the experiment, in the run id and in provenance;
 * equal companions of two experiments are one model, trained once.
 */
public sealed interface Companion {

    /** The name the experiment opens it by, e.g. {@code seed-2}, {@code uniform}, {@code adversary-0.5}. */
    String role();

    /** The same spec trained from another seed. */
    record SeedVariant(long seed) implements Companion {
        @Override
        public String role() {
            return "seed-" + seed;
        }
    }

    /** The same spec with attention frozen uniform over the real tokens. */
    record Uniform() implements Companion {
        @Override
        public String role() {
            return "uniform";
        }
    }

    /** A model-consistent adversary of the subject model, trained with weight {@code lambda} on the attention term. */
    record ConsistentAdversary(double lambda) implements Companion {
        public ConsistentAdversary {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("an adversary's lambda must be finite and > 0, got " + lambda);
            }
        }

        @Override
        public String role() {
            return "adversary-" + BigDecimal.valueOf(lambda).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * A diagnostic MLP trained with the attention of {@code source} imposed: {@link #BASE} (the subject model),
     * {@link #UNIFORM} (no model: uniform weights), or the role of a companion listed before this one; or, with
     * source {@link #TRAINED}, the same MLP learning its own attention (W&amp;P's "trained MLP").
     */
    record Diagnostic(String source) implements Companion {

        public static final String BASE = "base";
        public static final String UNIFORM = "uniform";
        public static final String TRAINED = WiegreffePinterModels.TRAINED_MLP;

        public Diagnostic {
            if (source == null || !source.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("a diagnostic's source is base, uniform, trained or a companion role, got "
                        + source);
            }
        }

        @Override
        public String role() {
            return "diagnostic-" + source;
        }
    }
}
