package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void splitsLowercasedWordsKeepingApostrophesAndPunctuation() {
        assertEquals(List.of("it's", "a", "don't", "-", "miss", "film", ",", "10", "/", "10", "!"),
                Vocabulary.words("It's a DON'T-miss film, 10/10!"));
        assertEquals(List.of("café", "naïve", "…"), Vocabulary.words("  Café\tnaïve\n… "));
    }

    @Test
    void idsFollowCountThenSpellingAfterTheSpecials() {
        Vocabulary v = Vocabulary.build(List.of("b a a c", "a b d", "c b"), 2, 100);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "b", "c"),
                List.of(v.token(0), v.token(1), v.token(2), v.token(3), v.token(4), v.token(5), v.token(6)));
        assertEquals(7, v.size());
        assertEquals(Vocabulary.UNK, v.id("d"));
        assertEquals(5, Vocabulary.build(List.of("b a a c", "a b d", "c b"), 1, 5).size());
    }

    @Test
    void encodesWithMarkersFlaggedSpecialAndTruncatesToTheFirstWords() {
        Vocabulary v = Vocabulary.build(List.of("good film", "bad film"), 1, 100);
        TokenizedText t = v.encode("Good, awful film", 10, false);
        assertEquals(List.of("<s>", "good", ",", "awful", "film", "</s>"), t.tokens());
        assertArrayEquals(new long[] {2, v.id("good"), 1, 1, v.id("film"), 3}, t.ids());
        assertArrayEquals(new boolean[] {true, false, false, false, false, true}, t.special());
        assertEquals(List.of("<s>", "good", ",", "</s>"), v.encode("Good, awful film", 4, true).tokens());
        assertThrows(IllegalArgumentException.class, () -> v.encode("Good, awful film", 4, false));
        assertThrows(IllegalArgumentException.class, () -> v.encode("   ", 10, true));
    }
}
