package org.attnlab.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.data.DatasetFetcher;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points {@code attnlab.home} (models/, results/, datasets/cache/) at a fresh temporary directory for each
 * test and restores the previous value afterwards, so tests never write beside the checkout.
 * Use with {@code @RegisterExtension final TempHome home = new TempHome();}.
 */
public final class TempHome implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private String previous;

    /** This test's home directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        previous = System.getProperty(DatasetFetcher.HOME_PROPERTY);
        dir = Files.createTempDirectory("attnlab-home-");
        System.setProperty(DatasetFetcher.HOME_PROPERTY, dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (previous == null) {
            System.clearProperty(DatasetFetcher.HOME_PROPERTY);
        } else {
            System.setProperty(DatasetFetcher.HOME_PROPERTY, previous);
        }
        org.attnlab.io.Directories.deleteQuietly(dir);
    }
}
