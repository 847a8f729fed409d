package org.attnlab.model.djl.rnn;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.WordVectorFile;
import org.attnlab.io.AtomicFiles;
import org.attnlab.io.Progress;
import org.attnlab.model.djl.WordPieceVectors;
import org.attnlab.model.embedding.PrincipalProjection;
import org.attnlab.model.embedding.SkipGram;
import org.attnlab.model.hf.HfModelDirectory;

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
        Map<String, float[]> found = WordVectorFile.read(file, new HashSet<>(words(vocabulary)), dimension);
        float[][] rows = new float[vocabulary.size()][];
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            rows[id] = found.get(vocabulary.token(id));
        }
        return rows;
    }

    /**
     * General-domain vectors, the nearest reachable kin of Jain &amp; Wallace's fastText start: each word's
     * mean word-piece row of a pretrained transformer's input embedding table ({@link WordPieceVectors}),
     * at raw scale, reduced to {@code dimension} by {@link PrincipalProjection} when the table is wider
     * (MiniLM's 384 to their 300); the special tokens have none. Every word gets a vector, since WordPiece
     * splits any word into pieces. One line on stderr says how much of the vectors' length the reduction kept.
     */
    public static float[][] fromTransformer(HfModelDirectory dir, Vocabulary vocabulary, int dimension) {
        float[][] table = WordPieceVectors.of(dir, words(vocabulary));
        float[][] reduced = PrincipalProjection.reduce(table, dimension);
        System.err.printf(Locale.ROOT, "word vectors: %s's word-piece table, %d -> %d dimensions (%.1f%% of their squared "
                + "length kept)%n", dir.root().getFileName(), table[0].length, dimension,
                100 * PrincipalProjection.energyKept(table, reduced));
        float[][] rows = new float[vocabulary.size()][];
        System.arraycopy(reduced, 0, rows, Vocabulary.SPECIALS.size(), reduced.length);
        return rows;
    }

    /** The vocabulary's words, in id order: every token past the special ones. */
    private static List<String> words(Vocabulary vocabulary) {
        List<String> words = new ArrayList<>();
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            words.add(vocabulary.token(id));
        }
        return words;
    }

    /**
     * The seed of every skip-gram start. Fixed, not the training seed: a spec's seed variants then start
     * from the same vectors, as Jain &amp; Wallace's reruns all start from the same fastText file, and
     * the seeds vary only the model.
     */
    public static final long SKIP_GRAM_SEED = 1;

    /**
     * Skip-gram vectors ({@link SkipGram}, word2vec's defaults, {@link #SKIP_GRAM_SEED}) trained on
     * {@code texts} split by the vocabulary's tokenizer; words outside the vocabulary are left out of the
     * corpus. Training takes minutes on IMDB, so the vectors are kept in {@code cacheDir} (when not null)
     * under a SHA-256 of the settings and the corpus as word ids: any other vocabulary, text or setting is
     * another file, and the same corpus is never trained twice.
     */
    public static float[][] skipGram(List<String> texts, Vocabulary vocabulary, int dimension, Path cacheDir) throws IOException {
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
        SkipGram.Settings settings = SkipGram.Settings.word2vec(dimension, SKIP_GRAM_SEED);
        Path cached = cacheDir == null ? null : cacheDir.resolve("skipgram-" + key(settings, vocabulary.size(), corpus) + ".f32");
        float[][] vectors = cached != null && Files.exists(cached) ? read(cached, vocabulary.size(), dimension) : null;
        if (vectors == null) {
            // Minutes for a corpus like IMDB's, single-threaded (word2vec.c's order of updates): show how far it is.
            try (ProgressBar bar = Progress.bar("skip-gram vectors", 1)) {
                vectors = SkipGram.train(corpus, vocabulary.size(), settings, (done, total) -> {
                    bar.maxHint(total);
                    bar.stepTo(done);
                });
            }
            if (cached != null) {
                write(cached, vectors);
            }
        }
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            vectors[id] = null;
        }
        return vectors;
    }

    /** Hex SHA-256 of the settings, the vocabulary size and every text's word ids, in order. */
    static String key(SkipGram.Settings settings, int vocabularySize, List<int[]> corpus) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update((settings + "|" + vocabularySize).getBytes(StandardCharsets.UTF_8));
        for (int[] text : corpus) {
            ByteBuffer b = ByteBuffer.allocate(4 * (text.length + 1)).putInt(text.length);
            for (int id : text) {
                b.putInt(id);
            }
            sha.update(b.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static float[][] read(Path file, int rows, int dimension) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.capacity() != 4L * rows * dimension) {
            throw new IOException(file + ": cached skip-gram vectors have " + bytes.capacity() + " bytes, expected "
                    + 4L * rows * dimension + " (" + rows + " x " + dimension + " floats); delete the file to retrain");
        }
        FloatBuffer floats = bytes.asFloatBuffer();
        float[][] vectors = new float[rows][dimension];
        for (float[] row : vectors) {
            floats.get(row);
        }
        return vectors;
    }

    private static void write(Path file, float[][] vectors) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            for (float[] row : vectors) {
                for (float v : row) {
                    data.writeFloat(v);
                }
            }
            data.flush();
        });
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
