package org.attnlab.model.djl.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.WordVectorFile;
import org.attnlab.io.Progress;
import org.attnlab.model.embedding.SkipGram;

/**
 * Starting word vectors for an RNN model's vocabulary, row {@code id} for vocabulary id {@code id},
 * {@code null} where there is none (the special tokens always): to be used at raw scale with zeros for
 * the {@code null} rows, as Jain &amp; Wallace start from fastText ({@code extract_embeddings_from_torchtext}:
 * unknown words zero).
 */
public final class WordVectorStart {

    private WordVectorStart() {
    }

    /** The vectors of the vocabulary's words in a text-format file ({@link WordVectorFile}) of {@code dimension} values. */
    public static float[][] fromFile(Path file, Vocabulary vocabulary, int dimension) throws IOException {
        Set<String> words = new HashSet<>();
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            words.add(vocabulary.token(id));
        }
        Map<String, float[]> found = WordVectorFile.read(file, words, dimension);
        float[][] rows = new float[vocabulary.size()][];
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            rows[id] = found.get(vocabulary.token(id));
        }
        return rows;
    }

    /**
     * Skip-gram vectors ({@link SkipGram}, word2vec's defaults) trained on {@code texts} split by the
     * vocabulary's tokenizer; words outside the vocabulary are left out of the corpus.
     */
    public static float[][] skipGram(List<String> texts, Vocabulary vocabulary, int dimension, long seed) {
        List<int[]> corpus = new ArrayList<>(texts.size());
        for (String text : texts) {
            List<String> words = vocabulary.tokenizer().split(text);
            int[] ids = new int[words.size()];
            for (int i = 0; i < ids.length; i++) {
                int id = vocabulary.id(words.get(i));
                ids[i] = id < Vocabulary.SPECIALS.size() ? -1 : id;
            }
            corpus.add(ids);
        }
        float[][] vectors;
        // Minutes for a corpus like IMDB's, single-threaded (word2vec.c's order of updates): show how far it is.
        try (ProgressBar bar = Progress.bar("skip-gram vectors", 1)) {
            vectors = SkipGram.train(corpus, vocabulary.size(), SkipGram.Settings.word2vec(dimension, seed),
                    (done, total) -> {
                        bar.maxHint(total);
                        bar.stepTo(done);
                    });
        }
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            vectors[id] = null;
        }
        return vectors;
    }

    /** How many rows have a vector. */
    public static int covered(float[][] rows) {
        int n = 0;
        for (float[] r : rows) {
            n += r == null ? 0 : 1;
        }
        return n;
    }
}
