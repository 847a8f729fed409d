package org.attnlab.model.embedding;

import java.util.List;
import java.util.Random;

/**
 * Word vectors by skip-gram with negative sampling (Mikolov et al. 2013), step for step as the original
 * {@code word2vec.c} trains them, single-threaded and seeded so that the same corpus and seed give the
 * same vectors: input vectors start U(-0.5/D, 0.5/D), output vectors at zero; frequent words are
 * subsampled (keep probability (sqrt(f / (s T)) + 1) s T / f); each position's window is shrunk by a
 * random b in [0, window); for each context word its input vector is trained against the centre word's
 * output vector (label 1) and {@code negatives} words drawn from the unigram distribution to the power
 * 0.75 (label 0); the learning rate decays linearly from {@code learningRate} to 1e-4 of it. Only
 * differences: the exact sigmoid (word2vec.c: a table clipped at |x| = 6) and draws from the exact
 * distribution (word2vec.c: a 1e8-entry table). Written here because the Java word2vec libraries on
 * Maven Central are either unmaintained or bring a native tensor runtime (DL4J's ND4J, Spark).
 */
public final class SkipGram {

    /**
     * @param dimension    vector size
     * @param window       largest distance of a context word
     * @param negatives    negative samples per (context, centre) pair
     * @param epochs       passes over the corpus
     * @param learningRate starting learning rate
     * @param subsample    threshold s of the subsampling of frequent words; 0 = none
     * @param seed         seeds initialisation, subsampling, windows and negative draws
     */
    public record Settings(int dimension, int window, int negatives, int epochs, double learningRate, double subsample,
                           long seed) {
        public Settings {
            if (dimension < 1 || window < 1 || negatives < 1 || epochs < 1 || !(learningRate > 0) || subsample < 0) {
                throw new IllegalArgumentException("invalid skip-gram settings " + this);
            }
        }

        /** word2vec.c's defaults for skip-gram: window 5, 5 negatives, 5 epochs, rate 0.025, subsampling 1e-3. */
        public static Settings word2vec(int dimension, long seed) {
            return new Settings(dimension, 5, 5, 5, 0.025, 1e-3, seed);
        }
    }

    private SkipGram() {
    }

    /**
     * Trains vectors for word ids {@code 0 .. vocabularySize - 1}.
     *
     * @param corpus texts as word ids; negative ids (words without an entry) are dropped before windows are formed
     * @return the input vectors, {@code [id][dimension]}; words absent from the corpus keep their random start
     */
    public static float[][] train(List<int[]> corpus, int vocabularySize, Settings s) {
        return train(corpus, vocabularySize, s, (done, total) -> { });
    }

    /** How far training is: corpus words read so far, of {@code epochs} times the corpus (for a progress bar). */
    @FunctionalInterface
    public interface Listener {
        void progress(long done, long total);
    }

    /** {@link #train(List, int, Settings)}, telling {@code listener} after each text. */
    public static float[][] train(List<int[]> corpus, int vocabularySize, Settings s, Listener listener) {
        long[] counts = new long[vocabularySize];
        long total = 0;
        for (int[] text : corpus) {
            for (int w : text) {
                if (w >= 0) {
                    counts[w]++;
                    total++;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the corpus has no words of the vocabulary");
        }
        int d = s.dimension();
        Random random = new Random(s.seed());
        float[] input = new float[vocabularySize * d];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) ((random.nextDouble() - 0.5) / d);
        }
        float[] output = new float[vocabularySize * d];
        double[] cumulative = unigramPowers(counts);
        double threshold = s.subsample() * total;
        long budget = (long) s.epochs() * total;
        long processed = 0;
        double[] gradient = new double[d];
        int[] kept = new int[0];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int[] text : corpus) {
                if (kept.length < text.length) {
                    kept = new int[text.length];
                }
                int n = 0;
                for (int w : text) {
                    if (w < 0) {
                        continue;
                    }
                    processed++;
                    if (threshold > 0) {
                        double keep = (Math.sqrt(counts[w] / threshold) + 1) * threshold / counts[w];
                        if (keep < random.nextDouble()) {
                            continue;
                        }
                    }
                    kept[n++] = w;
                }
                double alpha = Math.max(s.learningRate() * (1 - processed / (double) (budget + 1)), s.learningRate() * 1e-4);
                for (int pos = 0; pos < n; pos++) {
                    int centre = kept[pos];
                    int b = random.nextInt(s.window());
                    for (int a = b; a < 2 * s.window() + 1 - b; a++) {
                        int c = pos - s.window() + a;
                        if (a == s.window() || c < 0 || c >= n) {
                            continue;
                        }
                        int context = kept[c];
                        java.util.Arrays.fill(gradient, 0);
                        for (int k = 0; k <= s.negatives(); k++) {
                            int target;
                            int label;
                            if (k == 0) {
                                target = centre;
                                label = 1;
                            } else {
                                target = draw(cumulative, random);
                                if (target == centre) {
                                    continue;
                                }
                                label = 0;
                            }
                            pairStep(input, context * d, output, target * d, d, label, alpha, gradient);
                        }
                        for (int j = 0; j < d; j++) {
                            input[context * d + j] += (float) gradient[j];
                        }
                    }
                }
                listener.progress(processed, budget);
            }
        }
        float[][] vectors = new float[vocabularySize][d];
        for (int w = 0; w < vocabularySize; w++) {
            System.arraycopy(input, w * d, vectors[w], 0, d);
        }
        return vectors;
    }

    /**
     * One (input, output, label) pair of SGNS: g = (label - sigmoid(u . v)) alpha; the input's update
     * g v is added to {@code inputGradient} (applied after all of the context's pairs, as word2vec.c's
     * {@code neu1e}); the output vector moves by g u at once. This is -alpha times the gradient of
     * -log sigmoid(+-u . v).
     */
    static void pairStep(float[] input, int in, float[] output, int out, int d, int label, double alpha,
                         double[] inputGradient) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
            dot += (double) input[in + j] * output[out + j];
        }
        double g = (label - 1 / (1 + Math.exp(-dot))) * alpha;
        for (int j = 0; j < d; j++) {
            inputGradient[j] += g * output[out + j];
            output[out + j] += (float) (g * input[in + j]);
        }
    }

    /** Cumulative unigram^0.75 distribution over ids (normalised to end at 1). */
    private static double[] unigramPowers(long[] counts) {
        double[] cumulative = new double[counts.length];
        double sum = 0;
        for (int w = 0; w < counts.length; w++) {
            sum += Math.pow(counts[w], 0.75);
            cumulative[w] = sum;
        }
        for (int w = 0; w < counts.length; w++) {
            cumulative[w] /= sum;
        }
        return cumulative;
    }

    private static int draw(double[] cumulative, Random random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
