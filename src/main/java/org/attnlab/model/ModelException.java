package org.attnlab.model;

/** A model directory or weights file that cannot be used; the message names the file and what is wrong. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
