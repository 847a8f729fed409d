package org.attnlab.model.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensor names between Hugging Face's spelling and attnlab's (BERT's), both ways. */
class ArchitectureTest {

    @Test
    void hfNamesMapToBertNamesAndBack() {
        List<String[]> cases = List.of(
                new String[] {"DISTILBERT", "distilbert.transformer.layer.3.attention.q_lin.weight", "encoder.layer.3.attention.self.query.weight"},
                new String[] {"DISTILBERT", "distilbert.transformer.layer.0.attention.out_lin.bias", "encoder.layer.0.attention.output.dense.bias"},
                new String[] {"DISTILBERT", "distilbert.transformer.layer.1.sa_layer_norm.weight", "encoder.layer.1.attention.output.LayerNorm.weight"},
                new String[] {"DISTILBERT", "distilbert.transformer.layer.1.ffn.lin1.weight", "encoder.layer.1.intermediate.dense.weight"},
                new String[] {"DISTILBERT", "distilbert.transformer.layer.1.ffn.lin2.bias", "encoder.layer.1.output.dense.bias"},
                new String[] {"DISTILBERT", "distilbert.transformer.layer.1.output_layer_norm.bias", "encoder.layer.1.output.LayerNorm.bias"},
                new String[] {"DISTILBERT", "pre_classifier.weight", "pre_classifier.weight"},
                new String[] {"ROBERTA", "roberta.encoder.layer.0.output.dense.weight", "encoder.layer.0.output.dense.weight"},
                new String[] {"ROBERTA", "classifier.out_proj.bias", "classifier.out_proj.bias"},
                new String[] {"ELECTRA", "electra.embeddings_project.weight", "embeddings_project.weight"},
                new String[] {"BERT", "bert.pooler.dense.weight", "pooler.dense.weight"},
                new String[] {"BERT", "classifier.weight", "classifier.weight"});
        for (String[] c : cases) {
            Architecture a = Architecture.valueOf(c[0]);
            assertEquals(c[2], a.canonicalName(c[1]), c[1]);
            assertEquals(c[1], a.hfName(c[2], true), c[2]);
        }
        assertEquals("bert.embeddings.LayerNorm.weight", Architecture.BERT.hfName(
                Architecture.BERT.canonicalName("bert.embeddings.LayerNorm.gamma"), true));
        assertEquals("embeddings.word_embeddings.weight", Architecture.ROBERTA.hfName("embeddings.word_embeddings.weight", false));
        assertTrue(Architecture.BERT.isHeadTensor("pooler.dense.bias"));
        assertFalse(Architecture.ELECTRA.isHeadTensor("embeddings_project.weight"));
    }
}
