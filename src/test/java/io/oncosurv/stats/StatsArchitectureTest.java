package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The statistics kernel knows nothing of HTTP, JSON, Tablesaw, charts or the other OncoSurv
 * packages: JDK and Commons Math only (../shared/style.md).
 */
class StatsArchitectureTest {

    private static final List<String> ALLOWED = List.of("java.", "org.apache.commons.math3.",
            "io.oncosurv.stats.");

    @Test
    @DisplayName("io.oncosurv.stats imports only the JDK and Commons Math")
    void statsImportsOnlyJdkAndCommonsMath() throws IOException {
        Path sources = Path.of("src/main/java/io/oncosurv/stats");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("import ")) {
                        String imported = trimmed.substring("import ".length())
                                .replace("static ", "");
                        if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                            violations.add(file.getFileName() + ": " + trimmed);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
