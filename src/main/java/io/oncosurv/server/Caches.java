package io.oncosurv.server;

import io.oncosurv.cohort.Cohort;
import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded least-recently-used caches shared by the worker instances (so: synchronized). */
final class Caches {

    final Map<String, Cohort> cohorts = lru(16);
    final Map<String, Buffer> answers = lru(512); // UTF-8 bytes, written as they are

    /** Forgets a deleted cohort and every answer about it. */
    void evict(String cohortId) {
        cohorts.remove(cohortId);
        synchronized (answers) {
            answers.keySet().removeIf(key -> key.startsWith(cohortId + "|"));
        }
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
