package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasuresTest {

    @Test
    void everyListedIdBuildsTheMeasureOfThatId() {
        assertTrue(Measures.IDS.containsAll(java.util.List.of("norm", "lime")));
        for (String id : Measures.IDS) {
            assertEquals(id, Measures.byId(id, Measures.Settings.DEFAULT).id());
        }
        assertThrows(IllegalArgumentException.class, () -> Measures.byId("shap", Measures.Settings.DEFAULT));
    }
}
