package org.attnlab.experiment;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.explain.Instance;
import org.attnlab.model.ClassifierModel;

/**
 * The companion models of one subject model (see {@link Companion}), opened on first use and closed by the runner
 * after the subject's last instance. Handed to {@link Experiment#run(Instance, Companions)} beside the instance.
 */
public interface Companions {

    /** None: a subject whose experiments need no companion. Asking it for one is a bug in the suite's plan. */
    Companions NONE = role -> {
        throw new IllegalStateException("no companion model '" + role + "': the suite was prepared without companions");
    };

    /**
     * The open companion model of {@code role}.
     *
     * @throws IllegalStateException if the suite did not prepare it
     */
    ClassifierModel model(String role);

    /**
     * {@code x} as {@code companion} sees it: the same text through its own tokenizer, cut to the instance's length,
     * so that position i is the same token for both (their vocabularies may differ: a seed variant may train on other
     * examples). A companion that splits the text differently cannot be compared position by position.
     *
     * @throws IllegalStateException if the tokens differ
     */
    static Instance sameTokens(ClassifierModel companion, Instance x) {
        TokenizedText input = companion.tokenize(x.input().text(), true).truncated(x.input().length());
        List<String> mine = x.input().tokens();
        if (!input.tokens().equals(mine) || !java.util.Arrays.equals(input.special(), x.input().special())) {
            throw new IllegalStateException(x.id() + ": companion " + companion.info().name() + " tokenizes the text into "
                    + input.tokens() + ", the model into " + mine + "; W&P's comparisons need the same tokens");
        }
        return new Instance(companion, x.id(), input, x.gold());
    }
}
