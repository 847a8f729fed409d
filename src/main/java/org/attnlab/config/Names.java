package org.attnlab.config;

/**
 * Names that become one directory under {@code results/} or {@code models/}: they must stay inside it, so
 * no separators and no {@code .}/{@code ..} (a name starts with a letter or digit).
 */
public final class Names {

    public static final String DIRECTORY = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String EXPECTED = "a directory name: a letter or digit, then letters, digits, '.', '_' or '-'";

    private Names() {
    }
}
