#!/usr/bin/env Rscript
# R's answers for the TME panel on one cause from a landmark start s (issue 19): the ICI sample
# cohort's pfs panel on a cause, only the patients with time >= s, on the original clock. As
# OncoSurv, a stratifier is cut on the whole cohort (then the subset and the start are taken),
# patients missing the time, event or stratifier are left out and levels without patients
# dropped. Per stratifier: levels, n, events of the cause, the cumulative incidence of the
# cause at the landmarks 6, 12, 24 that are >= s (survfit(Surv(time, factor(cause)) ~ group,
# start.time = s), summary(times, extend = TRUE); checked equal to survfit on the subset),
# Gray's p (cmprsk::cuminc on subset(time >= s), the cause's row), the Benjamini-Hochberg q over
# the computed entries, the Fine-Gray subdistribution HRs against the first level with Wald 95 %
# limits (cmprsk::crr on subset(time >= s), run to its root: crr_root.R; no HRs when a level
# has no event of the cause), and n_excluded: the patients (of the subset) with a pfs time and
# event whose time is before s. Cases:
#   from6:       every cause from 6 months;
#   local_from6_5: cause local from 6.5, an observed time (ICI-001's 6.50 is kept), so the
#                  landmark 6 is left out;
#   subset_death_from3: the subset arm:ICI, cause death, from 3;
#   local_from30: 16 patients, one local event: most stratifiers separated, some single-group;
#   local_from35: 9 patients, no local event: no Gray test, no HRs;
#   distant_from40: one patient: every stratifier a single group (skipped).
# Also n_excluded of the os panel from 6 (the panel of the endpoint itself).
# R 4.2.2, survival 3.5.3, cmprsk 2.2-11, jsonlite 1.8.4 (Debian bookworm). From the repository
# root:
#   Rscript src/test/r/panel_cause_from_reference.R cohorts/synthetic-ici-oligometastatic.csv \
#     src/test/resources/r/panel_cause_from_reference.json
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
source("src/test/r/crr_root.R")
source("src/test/r/format_stratifiers.R")  # cohort_median, stratify
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = FALSE)
out <- a[2]

causes <- sort(unique(d$pfs_cause[d$pfs_event == 1]), method = "radix")  # C collation
status <- factor(ifelse(d$pfs_event == 1, d$pfs_cause, "censor"), levels = c("censor", causes))
landmarks <- c(6, 12, 24)

entry <- function(name, cause, rows, s) {
  e <- data.frame(time = d$pfs_months, status = status, group = stratify(d, name))[rows, ]
  e <- e[!is.na(e$time) & !is.na(e$status) & !is.na(e$group), ]
  all <- e
  e <- e[e$time >= s, ]
  e$group <- droplevels(e$group)
  if (nlevels(e$group) < 2) return(list(status = "skipped"))
  code <- match(cause, causes)
  codes <- as.integer(e$status) - 1                       # 0 censored, 1.. causes
  events <- as.vector(tapply(codes == code, e$group, sum))
  all$group <- factor(all$group, levels = levels(e$group))
  fit <- survfit(Surv(time, status) ~ group, data = all[!is.na(all$group), ], start.time = s)
  same <- survfit(Surv(time, status) ~ group, data = e)
  stopifnot(all.equal(fit$pstate, same$pstate), all.equal(fit$time, same$time))
  times <- landmarks[landmarks >= s]
  col <- match(cause, fit$states)
  if (length(times) > 0) {
    lm <- summary(fit, times = times, extend = TRUE)
    at <- list(n_risk = unname(lm$n.risk[, 1]), cif = unname(lm$pstate[, col]),
               std_err = unname(lm$std.err[, col]), lower = unname(lm$lower[, col]),
               upper = unname(lm$upper[, col]))
  } else {  # a start after every landmark: none estimated
    at <- list(n_risk = I(integer(0)), cif = I(numeric(0)), std_err = I(numeric(0)),
               lower = I(numeric(0)), upper = I(numeric(0)))
  }
  tests <- cuminc(e$time, codes, e$group, cencode = 0)$Tests
  # no event of the cause from s: cuminc has no row for it, no test
  gray <- if (as.character(code) %in% rownames(tests)) tests[as.character(code), "pv"] else NA
  res <- list(status = "ok", levels = levels(e$group), n = as.vector(table(e$group)),
              events = events, times = I(times), landmarks = at,
              gray_p = unname(gray), hr = NULL, hr_lower = NULL, hr_upper = NULL,
              separated = any(events == 0))
  if (!res$separated) {
    x <- model.matrix(~ e$group)[, -1, drop = FALSE]
    f <- crr_root(e$time, codes, x, code)$fit
    se <- sqrt(diag(f$var))
    res$hr <- unname(exp(f$coef))
    res$hr_lower <- unname(exp(f$coef - qnorm(0.975) * se))
    res$hr_upper <- unname(exp(f$coef + qnorm(0.975) * se))
  }
  res
}

stratifiers <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia",
                 "antibiotics", "shannon")
excluded <- function(time, event, rows, s) {
  sum(!is.na(time[rows]) & !is.na(event[rows]) & time[rows] < s)
}
panel <- function(cause, rows, s, subset = NULL) {
  entries <- list()
  for (name in stratifiers) entries[[name]] <- entry(name, cause, rows, s)
  ok <- vapply(entries, function(x) x$status == "ok", TRUE)
  qs <- p.adjust(vapply(entries[ok], function(x) x$gray_p, 0), method = "BH")
  for (key in names(qs)) entries[[key]]$q_value <- qs[[key]]
  list(cause = cause, from = s, subset = subset,
       n_excluded = excluded(d$pfs_months, d$pfs_event, rows, s), entries = entries)
}
res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival")),
                            cmprsk = as.character(packageVersion("cmprsk"))),
            endpoint = "pfs", causes = causes)
everyone <- seq_len(nrow(d))
for (cause in causes) res$from6[[cause]] <- panel(cause, everyone, 6)
res$local_from6_5 <- panel("local", everyone, 6.5)
res$subset_death_from3 <- panel("death", which(d$arm == "ICI"), 3, "arm:ICI")
res$local_from30 <- panel("local", everyone, 30)
res$local_from35 <- panel("local", everyone, 35)
res$distant_from40 <- panel("distant", everyone, 40)
res$os_from6_n_excluded <- excluded(d$os_months, d$os_event, everyone, 6)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
