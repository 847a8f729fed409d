package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.junit.jupiter.api.Test;

/** Which tokens form a word: WordPiece continuations ({@code ##}) and byte-level BPE word starts ({@code Ġ}). */
class WordsTest {

    @Test
    void wordPieceContinuationsJoinTheWordBefore() {
        Words w = Words.of(text(List.of("[CLS]", "un", "##watch", "##able", "film", "[SEP]")));
        assertEquals(2, w.count());
        assertEquals("unwatchable", w.text(0));
        assertEquals(-1, w.wordOf(0));
        assertEquals(0, w.wordOf(3));
        assertEquals(1, w.wordOf(4));
    }

    @Test
    void byteLevelTokensWithoutTheSpaceMarkJoinTheWordBefore() {
        Words w = Words.of(text(List.of("<s>", "un", "watch", "able", "\u0120film", "\u0120b", "oring", "!", "</s>")));
        assertEquals(List.of("unwatchable", "film", "boring!"), List.of(w.text(0), w.text(1), w.text(2)));
        assertEquals(0, w.wordOf(2));
        assertEquals(2, w.wordOf(7));
        assertEquals(-1, w.wordOf(8));
    }

    private static TokenizedText text(List<String> tokens) {
        long[] ids = new long[tokens.size()];
        boolean[] special = new boolean[tokens.size()];
        special[0] = true;
        special[tokens.size() - 1] = true;
        return new TokenizedText(String.join(" ", tokens), tokens, ids, special);
    }
}
