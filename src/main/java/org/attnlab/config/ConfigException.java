package org.attnlab.config;

/** A configuration file that is not what was expected; the message names the file and the key. */
public class ConfigException extends IllegalArgumentException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
