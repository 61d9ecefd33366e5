package io.oncosurv.server;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.store.CohortStore;
import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Bounded least-recently-used caches shared by the worker instances (so: synchronized). */
final class Caches {

    /** Bounded by size, not count: one answer on a million patients is megabytes. */
    static final long ANSWER_BYTES = 128L << 20;

    final Map<String, Cohort> cohorts = lru(16);
    /** Answers as written (JSON, figures), at most {@value #ANSWER_BYTES} bytes in all. */
    final Map<String, Buffer> answers = byBytes(ANSWER_BYTES);
    final Map<String, Stratification> stratifications = lru(32);

    /** The stratifications of one cohort, each computed once. */
    StratifierSource stratifierSource(String cohortId, Cohort cohort) {
        return (name, settings) -> {
            String key = cohortId + "|" + name + "|" + new TreeMap<>(settings);
            Stratification known = stratifications.get(key);
            if (known == null) {
                known = Stratifiers.stratify(cohort, name, settings);
                stratifications.put(key, known);
            }
            return known;
        };
    }

    /**
     * A stored cohort with its value labels, parsed once and remembered; empty when no cohort
     * has that id.
     */
    Optional<Cohort> cohort(CohortStore store, String id) {
        Cohort cached = cohorts.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.content(id).map(bytes -> {
            try {
                Cohort cohort = CohortReader.read(bytes, (char) 0)
                        .withValueLabels(store.valueLabels(id));
                cohorts.put(id, cohort);
                return cohort;
            } catch (CohortRejectedException e) {
                throw new IllegalStateException("stored cohort " + id + " no longer reads", e);
            }
        });
    }

    /**
     * The stored cohort a query names, or empty after failing the query's message with a 404
     * (no cohort has that id): the start of every worker's answer about one cohort.
     */
    Optional<Cohort> cohortOrFail(CohortStore store, String id,
            io.vertx.core.eventbus.Message<?> message) {
        Optional<Cohort> cohort = cohort(store, id);
        if (cohort.isEmpty()) {
            ApiError.noCohort(id).failing(message);
        }
        return cohort;
    }

    /** Forgets a deleted cohort and every answer about it. */
    void evict(String cohortId) {
        cohorts.remove(cohortId);
        synchronized (stratifications) {
            stratifications.keySet().removeIf(key -> key.startsWith(cohortId + "|"));
        }
        synchronized (answers) { // through remove(), which keeps the byte count
            for (String key : new java.util.ArrayList<>(answers.keySet())) {
                if (key.startsWith(cohortId + "|")) {
                    answers.remove(key);
                }
            }
        }
    }

    /**
     * Least recently used out until the buffers together fit in {@code budget} bytes. Entries
     * leave only through {@code put} and {@code remove}, which keep the count.
     */
    private static Map<String, Buffer> byBytes(long budget) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;
            private long bytes;

            @Override
            public Buffer put(String key, Buffer value) {
                Buffer old = super.put(key, value);
                bytes += value.length() - (old == null ? 0 : old.length());
                var eldest = entrySet().iterator();
                while (bytes > budget && eldest.hasNext()) {
                    Buffer out = eldest.next().getValue();
                    eldest.remove();
                    bytes -= out.length();
                }
                return old;
            }

            @Override
            public Buffer remove(Object key) {
                Buffer old = super.remove(key);
                bytes -= old == null ? 0 : old.length();
                return old;
            }
        });
    }

    private static <V> Map<String, V> lru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
