package io.oncosurv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers of ../shared/style.md, by their imports: stats knows only the JDK and Commons Math;
 * cohort adds stats (and, for .xlsx, POI with its ZIP library and the JDK's SAX); store adds JDBC, H2, HikariCP, Flyway
 * and logging; analysis is callable without Vert.x (and groups tables with Tablesaw); chart draws
 * results with JFreeChart (AWT) and encodes them (PDF by PDFBox), without Vert.x or JSON; json
 * writes answers as JSON text (Jackson's streaming generator, the one way large JSON is written,
 * and Vert.x's JSON objects for small answers); report adds
 * templates and PDF layout; nothing below server speaks HTTP or the event bus.
 */
class ArchitectureTest {

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("stats", List.of("java.", "org.apache.commons.math3.",
                        "io.oncosurv.stats.")),
                // Excel workbooks are streamed: POI opens the package (its ZIP library,
                // commons-compress, reads the bytes in memory), the sheet is read as SAX events
                Arguments.of("cohort", List.of("java.", "org.apache.commons.math3.",
                        "org.apache.poi.", "org.apache.commons.compress.", "org.xml.sax.",
                        "io.oncosurv.stats.", "io.oncosurv.cohort.")),
                Arguments.of("store", List.of("java.", "javax.sql.", "org.flywaydb.", "org.h2.",
                        "org.postgresql.", "com.zaxxer.hikari.", "org.slf4j.",
                        "io.oncosurv.stats.", "io.oncosurv.cohort.", "io.oncosurv.store.")),
                Arguments.of("analysis", List.of("java.", "tech.tablesaw.", "io.oncosurv.stats.",
                        "io.oncosurv.cohort.", "io.oncosurv.store.", "io.oncosurv.analysis.")),
                // java.awt (and javax.imageio for PNG metadata) but no Vert.x, no JSON
                Arguments.of("chart", List.of("java.", "javax.imageio.", "com.pngencoder.",
                        "org.jfree.",
                        "org.apache.pdfbox.", "de.rototor.pdfbox.graphics2d.",
                        "io.oncosurv.stats.", "io.oncosurv.cohort.", "io.oncosurv.analysis.",
                        "io.oncosurv.chart.")),
                // answers as JSON text: Jackson's streaming generator, Vert.x's JSON objects
                Arguments.of("json", List.of("java.", "com.fasterxml.jackson.core.",
                        "io.vertx.core.json.", "io.vertx.core.buffer.", "io.oncosurv.stats.",
                        "io.oncosurv.cohort.", "io.oncosurv.store.", "io.oncosurv.analysis.",
                        "io.oncosurv.chart.", "io.oncosurv.json.")),
                // templates, PDF layout, Word documents (POI) and JSON text, on top of the
                // figures; still no Vert.x
                Arguments.of("report", List.of("java.", "io.pebbletemplates.",
                        "com.fasterxml.jackson.core.", "io.oncosurv.json.", "org.apache.poi.",
                        "org.openxmlformats.schemas.wordprocessingml.",
                        "com.openhtmltopdf.", "org.apache.pdfbox.", "org.jfree.chart.",
                        "org.yaml.snakeyaml.", "picocli.", "io.oncosurv.stats.",
                        "io.oncosurv.cohort.",
                        "io.oncosurv.store.", "io.oncosurv.analysis.", "io.oncosurv.chart.",
                        "io.oncosurv.report.")));
    }

    @ParameterizedTest(name = "io.oncosurv.{0} imports only {1}")
    @MethodSource("layers")
    void packageImportsOnlyItsLayers(String layer, List<String> allowed) throws IOException {
        Path sources = Path.of("src/main/java/io/oncosurv", layer);
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("import ")) {
                        String imported = trimmed.substring("import ".length())
                                .replace("static ", "");
                        if (allowed.stream().noneMatch(imported::startsWith)) {
                            violations.add(file.getFileName() + ": " + trimmed);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
