package org.attnlab.explain;

/** Small operations on per-token score vectors shared by the measures. */
final class Scores {

    private Scores() {
    }

    /**
     * {@code |raw|} normalised to sum 1 over the real (non-special) tokens; special tokens get 0
     * (Jain &amp; Wallace's treatment of gradient importances).
     */
    static double[] absNormalised(double[] raw, boolean[] special) {
        double[] out = new double[raw.length];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            if (!special[i]) {
                out[i] = Math.abs(raw[i]);
                sum += out[i];
            }
        }
        if (sum > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= sum;
            }
        }
        return out;
    }

    /** Row {@code row} (or the mean over rows when {@code row < 0}) of {@code [head][row][key]}, over {@code heads}. */
    static double[] attentionRow(float[][][] layer, int head, int row) {
        int keys = layer[0][0].length;
        double[] out = new double[keys];
        int count = 0;
        for (int h = 0; h < layer.length; h++) {
            if (head >= 0 && h != head) {
                continue;
            }
            for (int i = 0; i < layer[h].length; i++) {
                if (row >= 0 && i != row) {
                    continue;
                }
                for (int j = 0; j < keys; j++) {
                    out[j] += layer[h][i][j];
                }
                count++;
            }
        }
        for (int j = 0; j < keys; j++) {
            out[j] /= count;
        }
        return out;
    }
}
