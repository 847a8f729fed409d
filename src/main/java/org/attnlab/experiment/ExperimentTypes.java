package org.attnlab.experiment;

import java.util.List;
import java.util.Optional;

/**
 * Every experiment type, in the order reports present them (the papers' order). Adding an experiment is
 * adding its type here and its report in {@code report.ExperimentReports}; nothing else switches on names.
 */
public final class ExperimentTypes {

    public static final List<ExperimentType<?, ?, ?>> ALL = List.of(CorrelationType.INSTANCE, PermutationType.INSTANCE,
            AdversarialType.INSTANCE, ErasureSingleType.INSTANCE, DecisionFlipType.INSTANCE, EfficientAttentionType.INSTANCE,
            FaithfulnessType.INSTANCE, UniformBaselineType.INSTANCE, SeedVarianceType.INSTANCE, DiagnosticType.INSTANCE,
            ConsistentAdversaryType.INSTANCE);

    private ExperimentTypes() {
    }

    public static Optional<ExperimentType<?, ?, ?>> byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(ExperimentType::id).toList();
    }
}
