package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.Test;

/**
 * The last-layer [CLS]-row shortcut (see {@link LastLayerQueryRows}) gives the full computation's outputs on the
 * RoBERTa, DistilBERT and ELECTRA fixtures too, whose heads also read only the first position: plain forwards of
 * several lengths, and last-layer erasures and permutations.
 */
class ArchitectureShortcutTest {

    @Test
    void shortcutEqualsFullComputationOnEveryArchitecture() {
        for (String name : ArchitectureFixtures.NAMES) {
            try (DjlBertModel model = DjlBertModel.load(ArchitectureFixtures.dir(name))) {
                List<TokenizedText> inputs = List.of(model.tokenize("a good film", false),
                        model.tokenize("the plot was dull and the acting worse", true));
                assertTrue(LastLayerQueryRows.appliesToForward(model.encoder().config(), ForwardOptions.OUTPUT_ONLY),
                        name + ": the shortcut must apply, or this test compares the full path with itself");
                int last = model.info().layers() - 1;
                TokenizedText x = inputs.get(1);
                List<List<AttentionEdit>> edits = new ArrayList<>();
                for (int k = 1; k < x.length() - 1; k++) {
                    edits.add(List.of(new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, new int[] {k})));
                }
                int[] reversed = new int[x.length()];
                for (int j = 0; j < reversed.length; j++) {
                    reversed[j] = reversed.length - 1 - j;
                }
                edits.add(List.of(new AttentionEdit.PermuteKeys(last, AttentionEdit.ALL_HEADS, reversed)));
                model.useShortcuts(true);
                List<ForwardResult> fast = new ArrayList<>(model.forward(inputs, ForwardOptions.OUTPUT_ONLY));
                fast.addAll(model.forwardEdited(x, edits, ForwardOptions.OUTPUT_ONLY));
                model.useShortcuts(false);
                List<ForwardResult> full = new ArrayList<>(model.forward(inputs, ForwardOptions.OUTPUT_ONLY));
                full.addAll(model.forwardEdited(x, edits, ForwardOptions.OUTPUT_ONLY));
                assertEquals(full.size(), fast.size());
                for (int i = 0; i < full.size(); i++) {
                    for (int c = 0; c < full.get(i).probabilities().length; c++) {
                        assertEquals(full.get(i).probabilities()[c], fast.get(i).probabilities()[c], 1e-6, name + " #" + i);
                    }
                }
            }
        }
    }
}
