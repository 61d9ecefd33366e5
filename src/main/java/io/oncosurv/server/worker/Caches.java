package io.oncosurv.server.worker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.server.bus.Answer;
import io.oncosurv.server.bus.Operation;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.CohortStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The caches of one node, shared by its worker instances (Caffeine: thread-safe, least
 * recently used out). Cohorts are immutable, so nothing cached goes stale; a deleted cohort's
 * entries go by its id ({@link #evict}).
 */
public final class Caches {

    /** Bounded by size, not count: one answer on a million patients is megabytes. */
    static final long ANSWER_BYTES = 128L << 20;
    /** Cohorts never change: an answer about one holds until it is weighed out or deleted. */
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    /** Parsed cohorts by heap weight: a quarter of the heap (a 1M-patient cohort is ~200 MB). */
    static final long COHORT_BYTES = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);

    final Cache<String, Cohort> cohorts;
    /** Answers as rendered, under their request records: {@value #ANSWER_BYTES} bytes at most. */
    private final Cache<Operation, Answer> answers = Caffeine.newBuilder()
            .maximumWeight(ANSWER_BYTES).weigher((Operation q, Answer a) -> a.weight())
            .expireAfter(Expiry.<Operation, Answer>writing((q, a) -> FOREVER)).build();
    private final Cache<StratificationKey, Stratification> stratifications =
            Caffeine.newBuilder().maximumSize(32).build();

    public Caches() {
        this(COHORT_BYTES);
    }

    /** @param cohortBytes the heap the parsed cohorts may take together */
    Caches(long cohortBytes) {
        cohorts = Caffeine.newBuilder().maximumWeight(cohortBytes)
                .weigher((String id, Cohort c) -> (int) Math.min(Integer.MAX_VALUE,
                        c.approximateBytes())).build();
    }

    /** A stratifier with its settings, on one cohort. */
    private record StratificationKey(String cohortId, String name,
            Map<String, Double> settings) {
    }

    /** The cached answer to {@code operation}, or null. */
    public Answer answer(Operation operation) {
        return answers.getIfPresent(operation);
    }

    public void remember(Operation operation, Answer answer) {
        answers.put(operation, answer);
    }

    /**
     * Remembers an answer that holds only for {@code lasting} (a page names the minute it was
     * made: it is served again only within that minute).
     */
    public void remember(Operation operation, Answer answer, Duration lasting) {
        answers.policy().expireVariably().orElseThrow().put(operation, answer, lasting);
    }

    /** The stratifications of one cohort, each computed once. */
    StratifierSource stratifierSource(String cohortId, Cohort cohort) {
        return (name, settings) -> {
            StratificationKey key = new StratificationKey(cohortId, name, Map.copyOf(settings));
            Stratification known = stratifications.getIfPresent(key);
            if (known == null) { // not computeIfAbsent: a stratifier may refuse (checked)
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
        Cohort cached = cohorts.getIfPresent(id);
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
        cohorts.invalidate(cohortId);
        stratifications.asMap().keySet().removeIf(key -> key.cohortId().equals(cohortId));
        answers.asMap().keySet().removeIf(key -> key.cohortId().equals(cohortId));
    }
}
