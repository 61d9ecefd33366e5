package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.SubgroupRequest;
import io.oncosurv.analysis.TteTableAnalysis;
import io.oncosurv.analysis.TteTableRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.report.Labels;
import io.oncosurv.report.Pages;
import io.oncosurv.report.PdfReport;
import io.oncosurv.report.StudyTablesFigures;
import io.oncosurv.report.StudyTablesWord;
import io.oncosurv.report.StudyTablesForm;
import io.oncosurv.report.StudyTablesView;
import io.oncosurv.report.StudyTablesView.Section;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.BaselineParameters;
import io.oncosurv.server.http.PageParameters;
import io.oncosurv.server.http.SubgroupParameters;
import io.oncosurv.server.http.TteTableParameters;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The study-tables page, made on a worker thread: the TTE table, Table 1 and the subgroup table
 * from the same analyses (and the same parameter checks) as their APIs; or the three as one PDF
 * or Word document. A parameter refused is a 400 page with the form; a table the cohort cannot
 * make shows its reason in its place, and only when none can be made is the page a 422 (for
 * every format: the reason is read on the page).
 */
final class StudyTablesPages {

    private static final List<String> KNOWN = List.of("endpoint", "by", "strata", "milestones",
            "subgroups");

    private final Caches caches;
    private final Pages pages;

    StudyTablesPages(Caches caches, Pages pages) {
        this.caches = caches;
        this.pages = pages;
    }

    Messages.Rendered render(StoredCohort stored, Cohort cohort,
            Messages.StudyTablesPageQuery q) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        q.form().forEach(p -> params.add(p.name(), p.value()));
        List<String> endpoints = cohort.endpointNames();
        if (params.get("endpoint") == null && !endpoints.isEmpty()) {
            params.set("endpoint", endpoints.contains("os") ? "os" : endpoints.get(0));
        }
        if (params.get("by") == null) {
            params.set("by", "arm");
        }
        StudyTablesForm form = StudyTablesForm.of(endpoints, params.get("endpoint"),
                params.get("by"), params.get("strata"), params.get("milestones"),
                params.get("subgroups"));
        MultiMap tteQuery = pick(params, "endpoint", "by", "strata", "milestones");
        MultiMap baselineQuery = pick(params, "by");
        MultiMap subgroupQuery = pick(params, "endpoint");
        subgroupQuery.set("treatment", params.get("by"));
        if (params.get("subgroups") != null) {
            subgroupQuery.set("by", params.get("subgroups"));
        }
        TteTableRequest tteRequest;
        BaselineRequest baselineRequest;
        SubgroupRequest subgroupRequest = null;
        try {
            for (String name : params.names()) {
                if (!KNOWN.contains(name)) {
                    throw new ApiError(400, "Unknown parameter '" + name + "'; the page takes "
                            + String.join(", ", KNOWN) + ".");
                }
            }
            tteRequest = TteTableParameters.parse(tteQuery);
            baselineRequest = BaselineParameters.parse(baselineQuery);
            if (params.get("subgroups") != null) {
                subgroupRequest = SubgroupParameters.parse(subgroupQuery);
            }
        } catch (ApiError e) {
            return page(e.status(), stored, form, null, e.getMessage());
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        String tteQs = PageParameters.queryString(tteQuery);
        Section tte;
        try {
            tte = StudyTablesView.tte(TteTableAnalysis.run(cohort, tteRequest, source), tteQs);
        } catch (AnalysisException e) {
            tte = Section.refused("The table cannot be made: " + e.getMessage() + ".", tteQs);
        }
        String baselineQs = PageParameters.queryString(baselineQuery);
        Section baseline;
        try {
            baseline = StudyTablesView.baseline(BaselineAnalysis.run(cohort, baselineRequest,
                    source), baselineQs);
        } catch (AnalysisException e) {
            baseline = Section.refused("The table cannot be made: " + e.getMessage() + ".",
                    baselineQs);
        }
        String subgroupQs = PageParameters.queryString(subgroupQuery);
        Section subgroups;
        SubgroupAnswer answer = null;
        if (subgroupRequest == null) {
            subgroups = Section.refused("No subgroup variables were given: list them under "
                    + "Subgroups, e.g. pdl1,cd8,lipi.", subgroupQs);
        } else {
            try {
                answer = SubgroupAnalysis.run(cohort, subgroupRequest, source);
                subgroups = StudyTablesView.subgroups(answer, subgroupQs);
            } catch (AnalysisException e) {
                subgroups = Section.refused("The subgroups cannot be analysed: "
                        + e.getMessage() + ".", subgroupQs);
            }
        }
        StudyTablesView view = new StudyTablesView(tte, baseline, subgroups,
                PageParameters.queryString(params));
        if (!view.anyMade()) {
            return page(422, stored, form, view, null);
        }
        return switch (q.format()) {
            case HTML -> page(200, stored, form, view, null);
            case PDF -> new Messages.Rendered(200, ReportWorker.PDF, PdfReport.render(
                    pages.studyTablesPrint(stored, view, answer == null ? null
                            : StudyTablesFigures.dataUri(answer)),
                    StudyTableDownloads.footer(stored)));
            case DOCX -> new Messages.Rendered(200, ReportWorker.DOCX,
                    StudyTablesWord.all(stored.name() + ": study tables", subtitle(stored,
                            params), view, answer == null ? null
                                    : StudyTablesFigures.word(answer),
                            StudyTableDownloads.footer(stored).text()));
        };
    }

    /** "Cohort X, version 2, 300 patients. Overall survival by arm, stratified by ...". */
    private static String subtitle(StoredCohort stored, MultiMap params) {
        String strata = params.get("strata");
        return "Cohort " + stored.name() + ", version " + stored.version() + ", "
                + stored.patients() + " patients. " + Labels.endpoint(params.get("endpoint"))
                + " by " + Labels.stratifier(params.get("by")) + (strata == null ? ""
                        : ", stratified by " + Labels.stratifier(strata)) + ".";
    }

    private static MultiMap pick(MultiMap params, String... names) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (String name : names) {
            if (params.get(name) != null) {
                out.set(name, params.get(name));
            }
        }
        return out;
    }

    private Messages.Rendered page(int status, StoredCohort stored, StudyTablesForm form,
            StudyTablesView view, String error) {
        return new Messages.Rendered(status, ReportWorker.HTML, pages.studyTables(stored, form,
                view, error).getBytes(StandardCharsets.UTF_8));
    }
}
