package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: headless Chromium (Debian's {@code chromium} package) renders the
 * fixture's report. The screenshot must be a real page of the window's size with the first figure's
 * pixels on it, and the DOM after the load event must have every figure's {@code <img>} decoded at the
 * PNG's size. The report itself has no script; the load check runs in a copy of index.html with one
 * probe script appended, in the same directory so that the relative figure paths resolve the same.
 *
 * <p>Without Chromium the test is skipped, unless {@code ATTNLAB_REQUIRE_CHROMIUM} is set (CI sets it):
 * then a missing browser fails.
 */
class ReportChromiumTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    private static final long TIMEOUT_SECONDS = 180;

    /** Marks each image once the page has loaded: its decoded size, or "no" if it did not load. */
    private static final String PROBE = """
            <script>
            addEventListener('load', () => {
              for (const img of document.images) {
                img.setAttribute('data-loaded', img.complete && img.naturalWidth > 0 ? img.naturalWidth + 'x' + img.naturalHeight : 'no');
              }
              document.body.setAttribute('data-probed', String(document.images.length));
            });
            </script>
            """;

    @TempDir Path tmp;

    @Test
    void chromiumShowsTheReportWithEveryFigureLoaded() throws Exception {
        Path chromium = chromium();
        FigureWriter writer = new FigureWriter(1.0); // 1 PNG pixel per CSS pixel: the screenshot shows the PNG as written
        Path run = ReportFixture.copyTo(tmp.resolve("run"));
        Path index = new ReportWriter(writer, 20).writeReport(run);
        List<Figure> figures = ReportWriter.figures(RunRecords.read(run));

        Path shot = tmp.resolve("screenshot.png");
        chromium(chromium, "screenshot", "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT, index.toUri().toString());
        BufferedImage page = ImageIO.read(shot.toFile());
        assertNotNull(page, "the screenshot is not a PNG: " + shot);
        assertEquals(WIDTH, page.getWidth());
        assertEquals(HEIGHT, page.getHeight());
        assertTrue(colours(page) > 100, "a blank or nearly blank page: " + colours(page) + " colours");
        BufferedImage first = ImageIO.read(run.resolve("report/figures/" + figures.get(0).name() + ".png").toFile());
        int[] at = find(page, first, 120);
        assertTrue(at != null, "the first figure (" + figures.get(0).name() + ") is not on the screenshot");

        Path probe = index.resolveSibling("probe.html");
        Files.writeString(probe, Files.readString(index).replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        String dom = chromium(chromium, "dom", "--dump-dom", probe.toUri().toString());
        Matcher probed = Pattern.compile("<body[^>]* data-probed=\"(\\d+)\"").matcher(dom);
        assertTrue(probed.find(), "the probe did not run after the load event:\n" + head(dom));
        assertEquals(figures.size(), Integer.parseInt(probed.group(1)), "one <img> per figure");
        Map<String, String> loaded = images(dom);
        for (Figure f : figures) {
            assertTrue(dom.contains("<figure id=\"" + f.name() + "\">"), f.name() + " has no <figure>");
            assertEquals(writer.pixelWidth(f) + "x" + writer.pixelHeight(f), loaded.get("figures/" + f.name() + ".png"),
                    f.name() + ".png did not load at its size");
            assertTrue(dom.contains("href=\"figures/" + f.name() + ".pdf\""), f.name() + " has no PDF link");
        }
    }

    /** Chromium, or the test is skipped (failed when ATTNLAB_REQUIRE_CHROMIUM is set). */
    private static Path chromium() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            if (System.getenv("ATTNLAB_REQUIRE_CHROMIUM") != null) {
                fail("ATTNLAB_REQUIRE_CHROMIUM is set but no chromium was found (apt-get install chromium)");
            }
            Assumptions.abort("no chromium on this machine (apt-get install chromium); set ATTNLAB_REQUIRE_CHROMIUM to fail instead");
        }
        return found.get();
    }

    /**
     * Runs headless Chromium with a fresh profile and home, no network services, and a time limit;
     * returns its standard output.
     */
    private String chromium(Path chromium, String name, String... args) throws Exception {
        Path profile = Files.createDirectories(tmp.resolve("chromium-" + name + "/profile"));
        Path home = Files.createDirectories(tmp.resolve("chromium-" + name + "/home"));
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--force-color-profile=srgb", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = tmp.resolve("chromium-" + name + "/stdout");
        Path err = tmp.resolve("chromium-" + name + "/stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(err));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + command + "\n" + tail(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** img src → data-loaded, from the dumped DOM. */
    private static Map<String, String> images(String dom) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher img = Pattern.compile("<img [^>]*>").matcher(dom);
        while (img.find()) {
            Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(img.group());
            Matcher loaded = Pattern.compile("data-loaded=\"([^\"]*)\"").matcher(img.group());
            if (src.find()) {
                out.put(src.group(1), loaded.find() ? loaded.group(1) : "unprobed");
            }
        }
        return out;
    }

    /** Distinct colours, counted up to 10,000. */
    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight() && seen.size() < 10_000; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    /**
     * The position where the figure's top rows (at least {@code minRows}, as many as the page shows) appear
     * pixel for pixel, within 8 per channel for colour conversion; null if nowhere.
     */
    private static int[] find(BufferedImage page, BufferedImage figure, int minRows) {
        for (int y = 0; y + minRows <= page.getHeight(); y++) {
            int rows = Math.min(figure.getHeight(), page.getHeight() - y);
            for (int x = 0; x + figure.getWidth() <= page.getWidth(); x++) {
                if (matches(page, figure, x, y, rows)) {
                    return new int[] {x, y};
                }
            }
        }
        return null;
    }

    private static boolean matches(BufferedImage page, BufferedImage figure, int x0, int y0, int rows) {
        // Cheap rejection on a sparse grid first, then every pixel.
        for (int step : new int[] {37, 1}) {
            for (int y = 0; y < rows; y += step) {
                for (int x = 0; x < figure.getWidth(); x += step) {
                    if (!close(page.getRGB(x0 + x, y0 + y), figure.getRGB(x, y))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)) > 8) {
                return false;
            }
        }
        return true;
    }

    private static String head(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + " …";
    }

    private static String tail(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
