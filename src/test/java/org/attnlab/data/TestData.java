package org.attnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Access to the real data slices under src/test/resources/data (see NOTICE.md there). */
final class TestData {

    private TestData() {
    }

    static Path path(String name) {
        URL url = TestData.class.getClassLoader().getResource("data/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource data/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream open(String name) throws IOException {
        return java.nio.file.Files.newInputStream(path(name));
    }

    static List<SourceRecord> jsonArray(String name) throws IOException {
        try (InputStream in = open(name)) {
            return JsonRecordReader.readJsonArray(in, name);
        }
    }

    static ArffData arff(String name) throws IOException {
        try (InputStream in = open(name)) {
            return ArffReader.read(in, name);
        }
    }

    static InputStream utf8(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
