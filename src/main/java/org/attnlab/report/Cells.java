package org.attnlab.report;

import java.util.Locale;
import org.attnlab.experiment.TauSummary;
import org.attnlab.stats.Summary;

/** How tables and the headline print numbers: fixed decimals, "n/a" for undefined values, Locale.ROOT. */
final class Cells {

    static final String NA = "n/a";

    private Cells() {
    }

    /** {@code mean ± std (fraction significant)} of a tau summary. */
    static String tau(TauSummary s) {
        return s == null ? NA : fmt(s.mean(), 3) + " ± " + fmt(s.std(), 3) + " (" + fmt(s.fractionSignificant(), 2) + ")";
    }

    /** The headline's shorter form of {@link #tau}. */
    static String tauShort(TauSummary s) {
        return s == null ? NA : fmt(s.mean(), 2) + " ± " + fmt(s.std(), 2) + " (" + fmt(s.fractionSignificant(), 2) + ")";
    }

    static String meanStd(Summary s) {
        return s == null ? NA : fmt(s.mean(), 3) + " ± " + fmt(s.std(), 3);
    }

    static String fmt(double v, int digits) {
        return Double.isNaN(v) ? NA : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String sci(double v) {
        return Double.isNaN(v) ? NA : String.format(Locale.ROOT, "%.1e", v);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? NA : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
