package org.attnlab.report;

import java.util.List;

/**
 * Turns a run's records into one paper's figures, without I/O. A family returns no figure for an
 * experiment without records, so a report only shows what the run measured.
 */
public interface FigureFamily {

    /** The figures this family draws from the records (possibly none). */
    List<Figure> build(RunRecords records);

    /** Every family, in the order the report presents them. */
    static List<FigureFamily> all() {
        return List.of(new JainWallaceFigures(), new SerranoSmithFigures(), new NaimAsherFigures(), new TokenHeatmaps());
    }
}
