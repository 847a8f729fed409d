package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jain &amp; Wallace's IMDB words, against what Keras's {@code text_to_word_sequence} gives for the same
 * strings (worked out by hand from its definition: lower, translate the filters to spaces, split on ' ').
 */
class KerasWordsTest {

    @Test
    void punctuationGoesApostrophesStay() {
        assertEquals(List.of("don't", "miss", "it", "it's", "10", "10", "a", "must", "see"),
                KerasWords.words("Don't miss it -- it's 10/10: a MUST-see!!!"));
        assertEquals(List.of("rock'n'roll", "the", "90's", "'cult'", "classic"),
                KerasWords.words("Rock'n'roll, the 90's \"'cult'\" classic."));
    }

    @Test
    void aBreakTagLeavesTheWordBr() {
        assertEquals(List.of("great", "br", "br", "the", "end"), KerasWords.words("Great.<br /><br />The end"));
        assertEquals(List.of("a", "br", "b"), KerasWords.words("a<br/>b"));
    }

    @Test
    void onlySpacesTabsAndNewlinesSeparateAndOtherCharactersStay() {
        assertEquals(List.of("one", "two", "three", "four"), KerasWords.words("one\ttwo\nthree   four "));
        // Not in the filters: kept inside the word, as Keras keeps them.
        assertEquals(List.of("café", "50'", "a–b", "x\u00a0y"), KerasWords.words("Café 50' a–b x\u00a0y"));
        assertEquals(List.of(), KerasWords.words("?!... --"));
    }

    @Test
    void itsOwnSpaceJoinedOutputIsAFixedPoint() {
        List<String> once = KerasWords.words("It's <i>GOOD</i>; really (8/10).<br />Go!");
        assertEquals(List.of("it's", "i", "good", "i", "really", "8", "10", "br", "go"), once);
        assertEquals(once, KerasWords.words(String.join(" ", once)));
    }
}
