package io.oncosurv.server.bus;

import io.oncosurv.json.CurveDetail;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/** The event bus addresses and the objects sent to and from the worker verticles. */
public final class Messages {

    public static final String COHORT_UPLOAD = "oncosurv.cohorts.upload";
    public static final String COHORT_LIST = "oncosurv.cohorts.list";
    public static final String COHORT_GET = "oncosurv.cohorts.get";
    public static final String COHORT_DELETE = "oncosurv.cohorts.delete";
    public static final String COHORT_FILE = "oncosurv.cohorts.file";
    /** One entry of the panel, for a local worker (the panel's own worker asks). */
    public static final String PANEL_ENTRY = "oncosurv.analysis.panel-entry";
    /** One exposure's immortal-time check of the panel, for a local worker. */
    public static final String PANEL_EXPOSURE = "oncosurv.analysis.panel-exposure";
    public static final String REPORT_PAGE = "oncosurv.report.page";
    /** The list of cohorts as CSV (of the store, not of one cohort: answered here). */
    public static final String COHORTS_TABLE = "oncosurv.report.cohorts-table";
    public static final String REPORT_SUBMIT = "oncosurv.reports.submit";
    public static final String REPORT_GET = "oncosurv.reports.get";
    /** The newest report jobs (body: how many at most), answered as the API's JSON text. */
    public static final String REPORT_LIST = "oncosurv.reports.list";
    public static final String REPORT_ARTEFACT = "oncosurv.reports.artefact";
    /** Published to every node when a cohort is deleted (the body: its id): caches forget it. */
    public static final String COHORT_DELETED = "oncosurv.cohorts.deleted";
    /** Published when an upload makes a new version of a name (the body: the StoredCohort). */
    public static final String COHORT_VERSIONED = "oncosurv.cohorts.versioned";

    /** Where a report's progress, completion and refreshes are published (JSON text). */
    public static String reportEvents(String reportId) {
        return "oncosurv.reports.events." + reportId;
    }

    /** A report spec as submitted (YAML or JSON text). */
    public record ReportSubmission(String spec, Principal actor) {
    }

    /** A report's state and its served artefacts. */
    public record ReportState(io.oncosurv.store.StoredReport report,
            List<io.oncosurv.store.StoredArtefact> artefacts, String name) {
        ReportState(io.oncosurv.store.StoredReport report,
                List<io.oncosurv.store.StoredArtefact> artefacts) {
            this(report, artefacts, null);
        }
    }

    /** One artefact of a report, by name. */
    public record ArtefactQuery(String reportId, String name) {
    }

    /**
     * A figure (Kaplan–Meier or forest) in a format (png, svg, pdf), with its query parameters
     * as sent (in their order; the worker checks them, some against the cohort).
     */
    public record FigureQuery(FigureKind figure, FigureFormat format, String cohortId,
            java.util.Map<String, List<String>> parameters) implements Operation {
        public FigureQuery {
            java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            parameters = java.util.Collections.unmodifiableMap(copy);
        }

        /** The figure of a request's query parameters. */
        public static FigureQuery of(FigureKind figure, FigureFormat format, String cohortId,
                io.vertx.core.MultiMap params) {
            java.util.Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
            params.names().forEach(name -> parameters.put(name, params.getAll(name)));
            return new FigureQuery(figure, format, cohortId, parameters);
        }

        /** The parameters as the checks read them (names in any case). */
        public io.vertx.core.MultiMap params() {
            io.vertx.core.MultiMap params = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
            parameters.forEach(params::add);
            return params;
        }
    }

    /** The pages that are not about one cohort, made on the node that took the request. */
    public enum LocalPage { LOGIN, REPORT, REPORTS, COHORTS }

    /**
     * A page that is not about one cohort, with its query parameters as sent (the worker reads
     * them; {@code id} the report job's, else null) and what its reader may do (the pages link
     * to the upload, delete and token pages for those who may).
     */
    public record PageQuery(LocalPage page, String id, io.vertx.core.MultiMap params,
            java.util.Set<Role.Permission> may) {
    }

    /** A page or a file as bytes, with its HTTP status and media type. */
    public record Rendered(int status, String contentType, byte[] body) {
    }

    /**
     * A page of one cohort as the browser shows it, or as its PDF; the study-tables page also
     * as a Word document.
     */
    public enum PageFormat { HTML, PDF, DOCX }

    /** A study table as the API's JSON, or as a download: CSV, Word, PDF. */
    public enum TableFormat { JSON, CSV, DOCX, PDF }

    /** One query parameter of a page as sent (non-empty, stripped), in the order sent. */
    public record PageParameter(String name, String value) {
    }

    /**
     * The page of one cohort, as its reader may see it: warnings with their rows and values
     * or without, and a link to the deletion for those who may delete.
     */
    public record CohortPageQuery(String cohortId, boolean rowsVisible, boolean deletable)
            implements Operation {
    }

    /**
     * The analysis page (or its PDF): its form as sent (to show it again), and the survival
     * request checked from it (its endpoint {@value #COHORT_DEFAULT} when the form leaves it to
     * the cohort: its first), or the 400's sentence ({@code refusal}) for the page to show.
     */
    public record AnalysisPageQuery(String cohortId, PageFormat format, List<PageParameter> form,
            io.oncosurv.analysis.SurvivalRequest request, String refusal) implements Operation {
        public static final String COHORT_DEFAULT = "-";

        public AnalysisPageQuery {
            form = List.copyOf(form);
        }
    }

    /**
     * The analysis page (or its PDF) with cumulative incidence: its form as sent, the
     * competing-risks request checked from it (endpoint {@value AnalysisPageQuery#COHORT_DEFAULT}
     * when the form leaves it to the cohort: its first with causes), the one cause to show (null:
     * all), or the 400's sentence ({@code refusal}) for the page to show.
     */
    public record CumulativeIncidencePageQuery(String cohortId, PageFormat format,
            List<PageParameter> form, io.oncosurv.analysis.CumulativeIncidenceRequest request,
            String cause, String refusal) implements Operation {
        public CumulativeIncidencePageQuery {
            form = List.copyOf(form);
        }
    }

    /**
     * The panel page (or its PDF) of one endpoint ({@code null}: os if the cohort has it, else
     * its first), of the patients of its subsets (none: all), on one cause of the endpoint
     * ({@code null}: none), from the landmark start {@code from} (NaN: none) as the form gave
     * it ({@code fromText}, "" when empty), or the 400's sentence ({@code refusal}) for a start
     * the page cannot take.
     */
    public record PanelPageQuery(String cohortId, PageFormat format, String endpoint,
            List<String> subsets, String cause, String fromText, double from, String refusal)
            implements Operation {
        public PanelPageQuery {
            subsets = List.copyOf(subsets);
        }

        public PanelPageQuery(String cohortId, PageFormat format, String endpoint,
                List<String> subsets, String cause) {
            this(cohortId, format, endpoint, subsets, cause, "", Double.NaN, null);
        }

        public PanelPageQuery(String cohortId, PageFormat format, String endpoint,
                List<String> subsets) {
            this(cohortId, format, endpoint, subsets, null);
        }
    }

    /**
     * The exposure-bias page of one cohort: its parameters as sent (non-empty), checked where
     * the cohort is known (the endpoint and exposure default to the cohort's first).
     */
    public record ExposureBiasPageQuery(String cohortId, List<PageParameter> form)
            implements Operation {
        public ExposureBiasPageQuery {
            form = List.copyOf(form);
        }
    }

    /**
     * The study-tables page of one cohort: its parameters as sent (non-empty), checked where
     * the cohort is known (the endpoint defaults to the cohort's os, else its first).
     */
    public record StudyTablesPageQuery(String cohortId, List<PageParameter> form,
            PageFormat format) implements Operation {
        public StudyTablesPageQuery {
            form = List.copyOf(form);
        }
    }

    /** Which part of a cohort's summary: a table as CSV, or both as JSON. */
    public enum SummaryPart { FOLLOW_UP_CSV, COMPLETENESS_CSV, JSON }

    /** The summary of a cohort (follow-up per endpoint, completeness of the columns). */
    public record SummaryTableQuery(String cohortId, SummaryPart part) implements Operation {
    }

    /** The baseline characteristics table ("Table 1") as JSON, CSV, Word or PDF. */
    public record BaselineQuery(String cohortId, io.oncosurv.analysis.BaselineRequest request,
            TableFormat format) implements Operation {
    }

    /** The analysis page's table of groups as CSV, for a survival request. */
    public record SurvivalTableQuery(String cohortId, io.oncosurv.analysis.SurvivalRequest request)
            implements Operation {
    }

    /** The time-to-event table of a trial report, as JSON, CSV, Word or PDF. */
    public record TteTableQuery(String cohortId, io.oncosurv.analysis.TteTableRequest request,
            TableFormat format) implements Operation {
    }

    /** The competing-risks table as CSV: each group × cause × landmark, with Gray's test. */
    public record CumulativeIncidenceTableQuery(String cohortId,
            io.oncosurv.analysis.CumulativeIncidenceRequest request) implements Operation {
    }

    /**
     * The TME panel's table as CSV: every built-in stratifier × each endpoint, or on one cause
     * of the one endpoint ({@code null}: none), from the landmark start {@code from} (NaN: none).
     */
    public record PanelTableQuery(String cohortId, List<String> endpoints, List<String> subsets,
            String cause, double from) implements Operation {
        public PanelTableQuery {
            endpoints = List.copyOf(endpoints);
            subsets = List.copyOf(subsets);
        }

        public PanelTableQuery(String cohortId, List<String> endpoints, List<String> subsets,
                String cause) {
            this(cohortId, endpoints, subsets, cause, Double.NaN);
        }

        public PanelTableQuery(String cohortId, List<String> endpoints, List<String> subsets) {
            this(cohortId, endpoints, subsets, null);
        }
    }

    /**
     * The TME panel: every built-in stratifier × each endpoint, on its subsets (or all), or on
     * one cause of the one endpoint ({@code null}: none), from the landmark start {@code from}
     * (NaN: none).
     */
    public record PanelQuery(String cohortId, List<String> endpoints, List<String> subsets,
            String cause, double from) implements Operation {
        public PanelQuery {
            endpoints = List.copyOf(endpoints);
            subsets = List.copyOf(subsets);
        }

        /** The panel of every patient's follow-up (no landmark start). */
        public PanelQuery(String cohortId, List<String> endpoints, List<String> subsets,
                String cause) {
            this(cohortId, endpoints, subsets, cause, Double.NaN);
        }

        public PanelQuery(String cohortId, List<String> endpoints, List<String> subsets) {
            this(cohortId, endpoints, subsets, null);
        }
    }

    /**
     * One stratifier × endpoint of the TME panel, on the patients of its subsets (or all), on
     * one cause of the endpoint ({@code null}: none).
     */
    public record PanelEntryQuery(String cohortId, String stratifier, String endpoint,
            List<String> subsets, String cause, double from) {
    }

    /** One exposure × endpoint immortal-time check of the TME panel (every patient). */
    public record PanelExposureQuery(String cohortId, String exposure, String endpoint) {
    }

    /** A cut-point query: the endpoint, the numeric column, permutations and their seed. */
    public record CutpointQuery(String cohortId, String endpoint, String variable, int permutations,
            long seed) implements Operation {
    }

    /** A competing-risks query (cumulative incidence, Gray) on a stored cohort. */
    public record CumulativeIncidenceQuery(String cohortId,
            io.oncosurv.analysis.CumulativeIncidenceRequest request) implements Operation {
    }

    /** A Fine–Gray model query on a stored cohort. */
    public record FineGrayQuery(String cohortId, io.oncosurv.analysis.FineGrayRequest request)
            implements Operation {
    }

    /** The subgroup forest of a treatment effect on a stored cohort. */
    public record SubgroupQuery(String cohortId, io.oncosurv.analysis.SubgroupRequest request)
            implements Operation {
    }

    /** The weighted (propensity) comparison of two groups on a stored cohort. */
    public record WeightedQuery(String cohortId, io.oncosurv.analysis.WeightedRequest request)
            implements Operation {
    }

    /** The files of one weighted comparison beside its JSON ({@link WeightedQuery}). */
    public enum WeightedFile {
        /** weighted.csv: each group's weighted Kaplan–Meier curve. */
        CURVES_CSV,
        /** weighted/balance.csv: the balance rows. */
        BALANCE_CSV,
        /** weighted.docx: the comparison as a report's Word section, on its own. */
        DOCX
    }

    /** A weighted comparison as a download: {@link WeightedFile}. */
    public record WeightedTableQuery(String cohortId, io.oncosurv.analysis.WeightedRequest request,
            WeightedFile file) implements Operation {
    }

    /** The subgroup table as a download: CSV or Word (its JSON is {@link SubgroupQuery}). */
    public record SubgroupTableQuery(String cohortId,
            io.oncosurv.analysis.SubgroupRequest request, TableFormat format)
            implements Operation {
    }

    /** The immortal-time check of an exposure on a stored cohort. */
    public record ExposureBiasQuery(String cohortId,
            io.oncosurv.analysis.ExposureBiasRequest request) implements Operation {
    }

    /** A Cox model query on a stored cohort. */
    public record CoxQuery(String cohortId, io.oncosurv.analysis.CoxRequest request)
            implements Operation {
    }

    /** A survival query on a stored cohort, and which curve points its answer carries. */
    public record SurvivalQuery(String cohortId, io.oncosurv.analysis.SurvivalRequest request,
            CurveDetail curve) implements Operation {

        /** The query with every curve point (the contract's default). */
        SurvivalQuery(String cohortId, io.oncosurv.analysis.SurvivalRequest request) {
            this(cohortId, request, CurveDetail.ALL);
        }
    }

    /**
     * An upload: the name, the bytes, the delimiter (0: tell from the header), by whom, and its
     * value labels as given ({@link io.oncosurv.cohort.ValueLabels}; null: none).
     */
    public record Upload(String name, byte[] content, char delimiter, Principal actor,
            String labels) {
    }

    /** A deletion of a cohort version, and by whom. */
    public record Deletion(String cohortId, Principal actor) {
    }

    /** A stored cohort with its bytes as uploaded. */
    public record CohortFile(StoredCohort cohort, byte[] content) {
    }

    /** The result of an upload: the cohort, and whether it is a new version. */
    public record Uploaded(StoredCohort cohort, boolean created) {
    }

    /** A list of cohorts, newest first. */
    public record CohortList(List<StoredCohort> cohorts) {
    }

    /** An entry for the audit log: who did what to which target (detail: null or a note). */
    public record AuditAppend(Principal actor, String action, String target, String detail) {
    }

    /** A token to make, with its role and name, by whom. */
    public record TokenCreation(Role role, String name, Principal actor) {
    }

    /** A token made: its id, role and name, and the token itself (shown this once). */
    public record TokenCreated(String id, String token, String role, String name) {
    }

    /** A token to revoke, by its id, and by whom. */
    public record TokenRevocation(String id, Principal actor) {
    }

    /** Every token of the store, active or revoked. */
    public record TokenList(List<io.oncosurv.store.StoredToken> tokens) {
        public TokenList {
            tokens = List.copyOf(tokens);
        }
    }

    /** The newest entries of the audit log: at most {@code limit}, before seq (0: none). */
    public record AuditQuery(int limit, long before) {
    }

    /** Entries of the audit log, newest first. */
    public record AuditEntries(List<io.oncosurv.store.AuditEntry> entries) {
        public AuditEntries {
            entries = List.copyOf(entries);
        }
    }

    private Messages() {
    }

    /**
     * Lets the records above travel the local event bus by reference, and operations and their
     * answers the clustered one too.
     */
    public static void registerCodecs(EventBus bus) {
        bus.registerDefaultCodec(Upload.class, new LocalCodec<>(Upload.class));
        bus.registerDefaultCodec(Deletion.class, new LocalCodec<>(Deletion.class));
        bus.registerDefaultCodec(CohortFile.class, new LocalCodec<>(CohortFile.class));
        bus.registerDefaultCodec(Uploaded.class, new LocalCodec<>(Uploaded.class));
        bus.registerDefaultCodec(CohortList.class, new LocalCodec<>(CohortList.class));
        bus.registerDefaultCodec(StoredCohort.class, new LocalCodec<>(StoredCohort.class));
        // every operation, on any node: one codec, named by the sender (Operations)
        bus.registerCodec(new OperationCodec());
        bus.registerDefaultCodec(Answer.class, new AnswerCodec());
        bus.registerDefaultCodec(PanelEntryQuery.class, new LocalCodec<>(PanelEntryQuery.class));
        bus.registerDefaultCodec(PanelExposureQuery.class,
                new LocalCodec<>(PanelExposureQuery.class));
        bus.registerDefaultCodec(io.oncosurv.analysis.PanelExposureCheck.class,
                new LocalCodec<>(io.oncosurv.analysis.PanelExposureCheck.class));
        bus.registerDefaultCodec(PageQuery.class, new LocalCodec<>(PageQuery.class));
        bus.registerDefaultCodec(Rendered.class, new LocalCodec<>(Rendered.class));
        bus.registerDefaultCodec(ReportSubmission.class,
                new LocalCodec<>(ReportSubmission.class));
        bus.registerDefaultCodec(ReportState.class, new LocalCodec<>(ReportState.class));
        bus.registerDefaultCodec(ArtefactQuery.class, new LocalCodec<>(ArtefactQuery.class));
        bus.registerDefaultCodec(io.oncosurv.store.StoredArtefact.class,
                new LocalCodec<>(io.oncosurv.store.StoredArtefact.class));
        bus.registerDefaultCodec(io.oncosurv.analysis.PanelEntry.class,
                new LocalCodec<>(io.oncosurv.analysis.PanelEntry.class));
        registerAdminCodecs(bus);
    }

    /** The admin's messages: tokens and the audit log, on this node's admin worker. */
    private static void registerAdminCodecs(EventBus bus) {
        bus.registerDefaultCodec(AuditAppend.class, new LocalCodec<>(AuditAppend.class));
        bus.registerDefaultCodec(TokenCreation.class, new LocalCodec<>(TokenCreation.class));
        bus.registerDefaultCodec(TokenCreated.class, new LocalCodec<>(TokenCreated.class));
        bus.registerDefaultCodec(TokenRevocation.class,
                new LocalCodec<>(TokenRevocation.class));
        bus.registerDefaultCodec(TokenList.class, new LocalCodec<>(TokenList.class));
        bus.registerDefaultCodec(AuditQuery.class, new LocalCodec<>(AuditQuery.class));
        bus.registerDefaultCodec(AuditEntries.class, new LocalCodec<>(AuditEntries.class));
    }
}
