package org.attnlab.experiment;

import java.util.List;
import org.attnlab.stats.Summary;

/** {@link ModelDistance}s of one model from the subject summarised over instances: JSD and TVD separately. */
public record DistanceSummary(Summary jsd, Summary tvd) {

    /** From {jsd, tvd} pairs. */
    static DistanceSummary of(List<double[]> jsdTvd) {
        return new DistanceSummary(Summary.of(jsdTvd.stream().mapToDouble(d -> d[0]).toArray()),
                Summary.of(jsdTvd.stream().mapToDouble(d -> d[1]).toArray()));
    }
}
