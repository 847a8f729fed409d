package org.attnlab.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Per-instance random streams derived from the suite seed, the model and the instance id, so an
 * instance's random choices do not depend on which instances ran before it (resuming a killed suite
 * must give the same records as an uninterrupted run).
 */
public final class Seeds {

    private Seeds() {
    }

    public static Random random(long suiteSeed, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(suiteSeed).getBytes(StandardCharsets.UTF_8));
            for (String p : parts) {
                sha.update((byte) 0);
                sha.update(p.getBytes(StandardCharsets.UTF_8));
            }
            byte[] d = sha.digest();
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (d[i] & 0xff);
            }
            return new Random(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
