package io.oncosurv.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests reach {@code ../shared/reference/} (R's answers, read-only) and the R answers
 * generated into {@code src/test/resources/r/} by {@code src/test/r/*.R}.
 */
public final class SharedReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedReference() {
    }

    /** {@code ../shared/reference}, or the folder named by the system property oncosurv.shared. */
    public static Path referenceDir() {
        Path shared = Path.of(System.getProperty("oncosurv.shared", "../shared"));
        Path dir = shared.resolve("reference");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("R reference data not found at " + dir.toAbsolutePath()
                    + "; set -Doncosurv.shared=PATH to the shared folder");
        }
        return dir;
    }

    public static Path file(String name) {
        return referenceDir().resolve(name);
    }

    /** A JSON file of {@code ../shared/reference/}. */
    public static JsonNode json(String name) {
        try {
            return JSON.readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON file of R answers generated into the test resources ({@code /r/NAME}). */
    public static JsonNode generatedJson(String name) {
        try (InputStream in = SharedReference.class.getResourceAsStream("/r/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /r/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reference CSV (header, comma separated, no quoting, empty = missing). */
    public static ReferenceCsv csv(String name) {
        return ReferenceCsv.read(file(name));
    }
}
