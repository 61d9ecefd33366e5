package io.oncosurv.server;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.store.CohortStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the sample cohorts (cohorts/*.csv, *.tsv) whose names the store does not hold yet. */
public final class SampleCohorts {

    private static final Logger LOG = LoggerFactory.getLogger(SampleCohorts.class);

    private SampleCohorts() {
    }

    /** Blocking: reads files and writes the store. */
    static void loadIfAbsent(Path directory, CohortStore store) throws IOException {
        if (!Files.isDirectory(directory)) {
            LOG.info("no sample cohorts at {}", directory.toAbsolutePath());
            return;
        }
        Set<String> stored = store.names();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".tsv"))
                    .sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.(csv|tsv)$", "");
            if (stored.contains(name)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                store.put(name, bytes, CohortReader.read(bytes,
                        file.toString().endsWith(".tsv") ? '\t' : ','));
                LOG.info("loaded sample cohort {}", name);
            } catch (CohortRejectedException e) {
                LOG.warn("sample cohort {} is not valid: {} {}", file, e.getMessage(),
                        e.problems());
            } catch (io.oncosurv.store.StoreException e) {
                // nodes sharing a store start together: another may have stored it first
                if (store.latest(name).isEmpty()) {
                    throw e;
                }
                LOG.info("sample cohort {} was stored by another node", name);
            }
        }
    }
}
