package org.attnlab.model;

/**
 * A model cannot do what an analysis asks because of what it is, not because of a bad input: e.g. value zeroing or
 * ALTI on the papers' RNN attention models, which have no per-layer value vectors over tokens. The message says
 * why, in words fit for a record; experiments catch this and record it as "not applicable".
 */
public class NotApplicableException extends UnsupportedOperationException {

    public NotApplicableException(String reason) {
        super(reason);
    }
}
