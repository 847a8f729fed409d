package org.attnlab.io;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bars of training and suite runs, on standard error so that standard output stays data. */
public final class Progress {

    private Progress() {
    }

    /**
     * A bar with ETA. On a terminal it redraws every half second; when standard error goes to a log or CI
     * (no console), every 30 seconds, so the log keeps a readable trace instead of thousands of redraws.
     */
    public static ProgressBar bar(String task, long steps) {
        int intervalMillis = System.console() != null ? 500 : 30_000;
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(intervalMillis).build();
    }
}
