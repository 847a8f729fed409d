package org.attnlab.model.hf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model on the Hugging Face hub: {@code hf:ORG/NAME[@REVISION]}, or a bare {@code ORG/NAME[@REVISION]}
 * (which callers accept only where no local directory of that name exists). The revision is a branch,
 * tag or commit hash; {@code main} when not given.
 */
public record HubId(String repo, String revision) {

    public static final String PREFIX = "hf:";
    public static final String DEFAULT_REVISION = "main";

    /** The hub's own rule for repository names (letters, digits, '-', '_', '.'; no '--' or '..'). */
    private static final Pattern ID = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9_.-]{0,95})/([A-Za-z0-9][A-Za-z0-9_.-]{0,95})(?:@([A-Za-z0-9][A-Za-z0-9_./-]{0,199}))?");

    public HubId {
        if (repo.contains("--") || repo.contains("..") || revision.contains("..")) {
            throw new IllegalArgumentException("'" + repo + "@" + revision + "': '--' and '..' are not allowed in hub ids");
        }
    }

    /** {@code text} as a hub id when it has the hub-id form (with or without {@code hf:}), else empty. */
    public static Optional<HubId> parse(String text) {
        String s = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        Matcher m = ID.matcher(s);
        if (!m.matches()) {
            if (text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("'" + text + "': expected hf:ORG/NAME or hf:ORG/NAME@REVISION");
            }
            return Optional.empty();
        }
        return Optional.of(new HubId(m.group(1) + "/" + m.group(2), m.group(3) == null ? DEFAULT_REVISION : m.group(3)));
    }

    /** Whether {@code revision} is a full commit hash (which never moves, so a cached copy is final). */
    public boolean pinned() {
        return revision.matches("[0-9a-f]{40}");
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
