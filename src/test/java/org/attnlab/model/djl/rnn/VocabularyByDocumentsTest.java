package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.junit.jupiter.api.Test;

/** The vocabulary by document frequency (scikit-learn's min_df) with Keras words, as Jain & Wallace build theirs. */
class VocabularyByDocumentsTest {

    @Test
    void aWordCountsOncePerTextNotPerOccurrence() {
        List<String> texts = new ArrayList<>();
        texts.add("Boring! boring, BORING; boring boring boring boring boring boring boring");  // 10 times in one text
        for (int i = 0; i < 3; i++) {
            texts.add("a fine film");                                                       // in 3 texts
        }
        texts.add("fine");
        Vocabulary byDocuments = Vocabulary.build(texts, 3, 1000, Vocabulary.Words.KERAS, true);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "fine", "a", "film"),
                java.util.stream.IntStream.range(0, byDocuments.size()).mapToObj(byDocuments::token).toList(),
                "fine: 4 texts; a, film: 3; boring: 1 text");
        Vocabulary byCount = Vocabulary.build(texts, 3, 1000, Vocabulary.Words.KERAS, false);
        assertEquals("boring", byCount.token(4), "by count boring (10) comes first");
    }

    @Test
    void kerasWordsUnknownWordsAndMarkers() {
        Vocabulary v = Vocabulary.build(List.of("it's good", "it's fine", "good"), 2, 1000, Vocabulary.Words.KERAS, true);
        TokenizedText t = v.encode("It's GOOD, isn't it?<br />", 20, false);
        assertEquals(List.of("<s>", "it's", "good", "isn't", "it", "br", "</s>"), t.tokens());
        assertEquals(Vocabulary.UNK, t.ids()[3], "isn't: under min_df, kept as a token with the <unk> id");
        boolean[] special = t.special();
        assertTrue(special[0] && special[6] && !special[3] && !special[5], "only the markers are special; <unk> words are compared");
    }
}
